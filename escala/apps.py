from django.apps import AppConfig


class EscalaConfig(AppConfig):
    """The scale seeder (`manage.py sembrar_escala`) for the benchmarks: it writes rows of every
    app, so it sits after all of them in the import order."""

    name = "escala"
    verbose_name = "Escala"
