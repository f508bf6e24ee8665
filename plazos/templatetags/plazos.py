"""Alias: `{% load plazos %}` is the same library as `{% load plazos_tags %}`."""

from plazos.templatetags.plazos_tags import register  # noqa: F401
