from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from conciliacion import agencia, metricas, paginas, vistas_operaciones
from conciliacion.api_documentacion import DocumentacionApi

app_portal = (
    [
        path("", paginas.inicio, name="inicio"),
        path("acerca/", paginas.acerca, name="acerca"),
        path("privacidad/", paginas.privacidad, name="privacidad"),
    ],
    "portal",
)

api_v1 = [
    path("", include("cuentas.api_urls")),
    path("", include("plazos.api_urls")),
    path("", include("reclamos.api_urls")),
    path("", include("libro.api_urls")),
    path("", include("notificaciones.api_urls")),
    path("", include("conciliadores.api_urls")),
    path("", include("audiencias.api.urls")),
    path("", include("honorarios.api_urls")),
    path("", include("auditoria.api")),
    path("", include("webhooks.api_urls")),
    path("", include("estadisticas.api_urls")),
    path("", include("exportaciones.api_urls")),
    path("", include("sumarios.api")),
]

app_operaciones = (
    [
        path("", vistas_operaciones.operaciones_pagina, name="pagina"),
        path("<str:codigo>/reintentar/", vistas_operaciones.reintentar, name="reintentar"),
    ],
    "operaciones",
)

urlpatterns = [
    path("", include(app_portal)),
    path("healthz", paginas.healthz, name="healthz"),
    path("agencia.css", agencia.hoja_de_estilo, name="agencia_css"),
    path("readyz", paginas.readyz, name="readyz"),
    path("metricas", metricas.metricas, name="metricas"),
    path("operaciones/", include(app_operaciones)),
    # Benchmarks' baseline view: a 404 unless BENCHMARK=1 (benchmarks/escala.py).
    path("_base/", paginas.base_benchmark, name="base_benchmark"),
    path("_base/escritura/", paginas.base_escritura_benchmark, name="base_escritura_benchmark"),
    path("cuentas/", include("allauth.urls")),
    path("", include("cuentas.urls")),
    path("", include("plazos.urls")),
    path("", include("normativa.urls")),
    path("", include("reclamos.urls")),
    path("", include("libro.urls")),
    path("", include("notificaciones.urls")),
    path("", include("documentos.urls")),
    path("", include("conciliadores.urls")),
    path("", include("audiencias.urls")),
    path("", include("honorarios.urls")),
    path("auditoria/", include("auditoria.urls")),
    path("caba/", include("sumarios.urls")),
    path("", include("webhooks.urls")),
    path("", include("estadisticas.urls")),
    path("", include("exportaciones.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", DocumentacionApi.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = "conciliacion.errores_http.error_400"
handler403 = "conciliacion.errores_http.error_403"
handler404 = "conciliacion.errores_http.error_404"
handler500 = "conciliacion.errores_http.error_500"
