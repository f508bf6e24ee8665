"""What the pages of honorarios share: running an act from a bound form."""

from django.contrib import messages

from conciliacion.errores import ErrorDeDominio


def ejecutar(request, form, accion, exito: str) -> bool:
    """Validates `form` and calls `accion(datos)`; on a domain error puts its message (and its
    fields' messages) on the form, keeping what was typed. True when the act was done."""
    if not form.is_valid():
        return False
    try:
        accion(form.cleaned_data)
    except ErrorDeDominio as error:
        propios = {c: m for c, m in error.campos.items() if c in form.fields}
        for campo, mensajes in propios.items():
            for mensaje in mensajes:
                form.add_error(campo, mensaje)
        form.add_error(None, error.mensaje)
        return False
    messages.success(request, exito)
    return True
