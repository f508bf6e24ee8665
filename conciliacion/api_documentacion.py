"""The API viewer (Swagger UI) under the portal's Content-Security-Policy.

drf-spectacular's split view serves the viewer's start-up script as a separate same-origin file
(`?script`), so the page needs no inline script; our template replaces the stock one to drop its
inline <style> and to give the page a language, a main landmark and an h1.
"""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView


class DocumentacionApi(SpectacularSwaggerSplitView):
    template_name = "api/documentacion.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        respuesta = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            respuesta.data["schema_url"] = self._get_schema_url(request)
        return respuesta
