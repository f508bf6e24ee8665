from django.urls import path

from audiencias.views import turnos

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
]
