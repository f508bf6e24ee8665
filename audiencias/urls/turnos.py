from django.urls import path

from audiencias.views import oficinas, turnos

urlpatterns = [
    path("reclamos/<int:pk>/turnos/", turnos.elegir_turno, name="elegir_turno"),
    path("reclamos/<int:pk>/fijar-audiencia/", turnos.fijar, name="fijar"),
    path("audiencias/<int:pk>/cancelar/", turnos.cancelar, name="cancelar"),
    path("audiencias/<int:pk>/reprogramar/", turnos.reprogramar, name="reprogramar"),
    path("conciliadores/mi-agenda/", turnos.mi_agenda, name="mi_agenda"),
    path(
        "conciliadores/mi-agenda/<str:tipo>/<int:pk>/borrar/",
        turnos.borrar_de_agenda,
        name="borrar_de_agenda",
    ),
    # Agency staff: the agenda of the agency's offices.
    path("panel/agenda-de-oficinas/", oficinas.oficinas, name="agenda_oficinas"),
    path("panel/agenda-de-oficinas/<int:pk>/", oficinas.agenda_oficina, name="agenda_oficina"),
    path(
        "panel/agenda-de-oficinas/<int:pk>/<str:tipo>/<int:publicado>/quitar/",
        oficinas.quitar_de_oficina,
        name="quitar_de_oficina",
    ),
]
