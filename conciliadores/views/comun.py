"""Helpers shared by the views of conciliadores."""

from conciliacion.errores import ErrorDeDominio


def aplicar_error(form, error: ErrorDeDominio) -> None:
    """Shows a domain error on the form, keeping what the person typed."""
    form.add_error(None, error.mensaje)
    for campo, errores in error.campos.items():
        for texto in errores:
            if campo in form.fields:
                form.add_error(campo, texto)


def datos_post(request):
    """The submitted data, or None on GET: an empty POST still binds the form (and shows the
    "required" errors) instead of silently rendering it again."""
    return request.POST if request.method == "POST" else None


def datos_y_archivos(request):
    """(data, files) for a form with uploads, bound on POST even when empty."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
