from django.urls import include, path

from reclamos.views import panel, partes, wizard

app_name = "reclamos"

urlpatterns = [
    path("reclamos/", partes.mis_reclamos, name="mis_reclamos"),
    path("reclamos/pendientes/", partes.pendientes, name="pendientes"),
    path("reclamos/nuevo/", wizard.nuevo, name="nuevo"),
    path("reclamos/sugerir-proveedor/", partes.sugerir_proveedor, name="sugerir_proveedor"),
    path("reclamos/confirmar/<str:token>/", partes.confirmar_carga, name="confirmar"),
    path("reclamos/<int:pk>/", partes.detalle, name="detalle"),
    path("reclamos/<int:pk>/paso/<slug:paso>/", wizard.paso, name="paso"),
    path("reclamos/<int:pk>/continuar/", wizard.continuar, name="continuar"),
    path("reclamos/<int:pk>/desistir/", partes.desistir, name="desistir"),
    path("reclamos/<int:pk>/responder/", partes.responder_requerimiento, name="responder"),
    path("reclamos/<int:pk>/recurrir/", partes.recurrir, name="recurrir"),
    path("reclamos/<int:pk>/documentos/", partes.subir_documento, name="subir_documento"),
    path("panel/admision/", panel.cola, name="cola"),
    path("panel/admision/<int:pk>/", panel.revisar, name="revisar"),
    path(
        "panel/admision/<int:pk>/inadmision/",
        panel.confirmar_inadmision,
        name="confirmar_inadmision",
    ),
    path("panel/admision/<int:pk>/recurso/", panel.decidir_recurso, name="decidir_recurso"),
    path("panel/admision/<int:pk>/tope/", panel.tope, name="tope"),
    path("panel/admision/<int:pk>/separar/", panel.separar, name="separar"),
    path(
        "panel/admision/<int:pk>/coreclamante/",
        panel.agregar_coreclamante,
        name="coreclamante",
    ),
    path("panel/oficina/", panel.oficina_nuevo, name="oficina"),
    path("panel/acumular/", panel.acumular, name="acumular"),
    path("panel/accesos/", panel.accesos, name="accesos"),
    path("", include("reclamos.urls_cumplimiento")),
    path("", include("reclamos.urls_mediacion")),
]
