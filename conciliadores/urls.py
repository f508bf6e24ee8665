from django.urls import path, re_path

from conciliadores.views import conciliador, disciplina, panel, publico, reclamo, registro

app_name = "conciliadores"

urlpatterns = [
    # Public
    path("conciliadores/", publico.directorio, name="directorio"),
    path("sorteos/", publico.sorteos, name="sorteos"),
    re_path(r"^sorteos/(?P<numero>[A-Za-z0-9_-]+)/?$", publico.sorteo, name="sorteo"),
    # The conciliator
    path("conciliadores/mi-perfil/", conciliador.mi_perfil, name="mi_perfil"),
    path(
        "conciliadores/mi-perfil/licencias/nueva/",
        conciliador.solicitar_licencia,
        name="solicitar_licencia",
    ),
    path(
        "conciliadores/mi-perfil/licencias/<int:pk>/cancelar/",
        conciliador.cancelar_licencia,
        name="cancelar_licencia",
    ),
    path("conciliadores/mis-reclamos/", conciliador.mis_reclamos, name="mis_reclamos"),
    path("conciliadores/propuestas/<int:pk>/", conciliador.propuesta, name="propuesta"),
    path(
        "conciliadores/recusaciones/<int:pk>/responder/",
        conciliador.responder_recusacion,
        name="responder_recusacion",
    ),
    path("conciliadores/mis-casos/", disciplina.mis_casos, name="mis_casos"),
    path("conciliadores/mis-casos/<int:pk>/", disciplina.mi_caso, name="mi_caso"),
    path(
        "conciliadores/mis-casos/<int:pk>/<slug:nombre>/",
        disciplina.mi_accion,
        name="mi_caso_accion",
    ),
    # Acts on a claim
    path("reclamos/<int:pk>/elegir-conciliador/", reclamo.elegir, name="elegir"),
    path("reclamos/<int:pk>/documento-designacion/", reclamo.documento, name="documento"),
    path("reclamos/<int:pk>/excusacion/", reclamo.excusarse, name="excusarse"),
    path("reclamos/<int:pk>/recusacion/", reclamo.recusar, name="recusar"),
    # Admission staff
    path("panel/designaciones/", panel.cola, name="cola"),
    path(
        "panel/designaciones/documentos/<int:pk>/",
        panel.revisar_documento,
        name="revisar_documento",
    ),
    path(
        "panel/designaciones/recusaciones/<int:pk>/",
        panel.decidir_recusacion,
        name="decidir_recusacion",
    ),
    path("panel/designaciones/reclamos/<int:pk>/", panel.reemplazo, name="reemplazo"),
    # Registry staff
    path("panel/registro/", registro.lista, name="registro"),
    path("panel/registro/nuevo/", registro.nuevo, name="nuevo"),
    path("panel/registro/licencias/", registro.licencias, name="licencias"),
    path("panel/registro/licencias/<int:pk>/", registro.decidir_licencia, name="decidir_licencia"),
    path("panel/registro/sanciones/<int:pk>/levantar/", registro.levantar, name="levantar"),
    path("panel/registro/rechazos/<int:pk>/", registro.recalificar, name="recalificar"),
    # Registry staff: the disciplinary procedure (Anexo II)
    path("panel/registro/disciplina/", disciplina.lista, name="disciplina"),
    path("panel/registro/disciplina/nuevo/", disciplina.nuevo, name="disciplina_nuevo"),
    path("panel/registro/disciplina/alertas/", disciplina.alertas, name="disciplina_alertas"),
    path(
        "panel/registro/disciplina/alertas/<int:pk>/atendida/",
        disciplina.alerta_atendida,
        name="disciplina_alerta_atendida",
    ),
    path("panel/registro/disciplina/<int:pk>/", disciplina.caso, name="disciplina_caso"),
    path(
        "panel/registro/disciplina/<int:pk>/prueba/<int:escrito>/",
        disciplina.decidir_prueba,
        name="disciplina_prueba",
    ),
    path(
        "panel/registro/disciplina/<int:pk>/<slug:nombre>/",
        disciplina.accion,
        name="disciplina_accion",
    ),
    path("panel/registro/<int:pk>/", registro.ficha, name="ficha"),
    path("panel/registro/<int:pk>/editar/", registro.editar, name="editar"),
    path("panel/registro/<int:pk>/sancion/", registro.sancionar, name="sancionar"),
]
