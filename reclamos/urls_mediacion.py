"""URLs of the mediation procedure and its registration (included by reclamos.urls, so their
names live in the "reclamos" namespace)."""

from django.urls import path

from reclamos.views import adhesion, mediacion

urlpatterns = [
    path("reclamos/mediacion/terminos/", adhesion.terminos, name="mediacion_terminos"),
    path("reclamos/mediacion/registro/", adhesion.registro, name="mediacion_registro"),
    path(
        "reclamos/mediacion/empresas/<int:pk>/registro/",
        adhesion.registro_empresa,
        name="mediacion_registro_empresa",
    ),
    path("reclamos/mediacion/nuevo/", mediacion.nuevo, name="mediacion_nuevo"),
    path("reclamos/<int:pk>/mediacion/", mediacion.expediente, name="mediacion"),
    path(
        "reclamos/<int:pk>/mediacion/mensajes/",
        mediacion.enviar_mensaje,
        name="mediacion_mensaje",
    ),
    path("reclamos/<int:pk>/mediacion/propuesta/", mediacion.proponer, name="mediacion_proponer"),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/<int:propuesta_pk>/",
        mediacion.propuesta,
        name="mediacion_propuesta",
    ),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/<int:propuesta_pk>/conformidad/",
        mediacion.conformidad,
        name="mediacion_conformidad",
    ),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/<int:propuesta_pk>/rechazo/",
        mediacion.rechazar,
        name="mediacion_rechazo",
    ),
    path(
        "reclamos/<int:pk>/mediacion/cumplimiento/",
        mediacion.cumplimiento,
        name="mediacion_cumplimiento",
    ),
    path("reclamos/<int:pk>/mediacion/desistir/", mediacion.desistir, name="mediacion_desistir"),
    path("panel/mediacion/", mediacion.bandeja, name="mediacion_bandeja"),
    path("panel/mediacion/<int:pk>/registrar/", mediacion.registrar, name="mediacion_registrar"),
    path("panel/mediacion/<int:pk>/iniciar/", mediacion.iniciar, name="mediacion_iniciar"),
    path("panel/mediacion/<int:pk>/convocar/", mediacion.convocar, name="mediacion_convocar"),
    path(
        "panel/mediacion/<int:pk>/sin-acuerdo/", mediacion.sin_acuerdo, name="mediacion_sin_acuerdo"
    ),
    path("panel/mediacion/<int:pk>/cerrar/", mediacion.cerrar, name="mediacion_cerrar"),
    path("panel/mediacion/identidades/", adhesion.identidades, name="mediacion_identidades"),
    path(
        "panel/mediacion/identidades/<int:pk>/",
        adhesion.validar_identidad,
        name="mediacion_validar_identidad",
    ),
    path(
        "panel/mediacion/empresas/<int:pk>/",
        adhesion.revisar_empresa,
        name="mediacion_revisar_empresa",
    ),
]
