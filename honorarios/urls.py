from django.urls import path

from honorarios import views

app_name = "honorarios"

urlpatterns = [
    path("honorarios/", views.mis_honorarios, name="mis_honorarios"),
    path("panel/fondo/", views.fondo, name="fondo"),
    path("honorarios/<int:pk>/constancia/", views.constancia, name="constancia"),
    path("reclamos/<int:pk>/certificar-multa/", views.certificar_multa, name="certificar_multa"),
    path("panel/multas/<int:pk>/", views.revisar_multa, name="revisar_multa"),
]
