"""Helpers shared by the views of conciliadores."""

from conciliacion.errores import ErrorDeDominio


def aplicar_error(form, error: ErrorDeDominio) -> None:
    """Shows a domain error on the form, keeping what the person typed."""
    form.add_error(None, error.mensaje)
    for campo, errores in error.campos.items():
        for texto in errores:
            if campo in form.fields:
                form.add_error(campo, texto)
