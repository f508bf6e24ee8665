from django.urls import path

from honorarios.views import honorarios, multas, valores

app_name = "honorarios"

urlpatterns = [
    path("honorarios/", honorarios.mis_honorarios, name="mis_honorarios"),
    path("honorarios/<int:pk>/", honorarios.honorario, name="honorario"),
    path("panel/fondo/", honorarios.fondo, name="fondo"),
    path("panel/reintegros-de-honorarios/", honorarios.reintegros, name="reintegros"),
    path("panel/valores-de-honorarios-y-multas/", valores.valores, name="valores"),
    path("reclamos/<int:pk>/certificar-multa/", multas.certificar, name="certificar_multa"),
    path("panel/multas/", multas.multas, name="multas"),
    path("multas/<int:pk>/", multas.multa, name="multa"),
]
