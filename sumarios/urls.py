from django.urls import path

from sumarios import views

app_name = "sumarios"

urlpatterns = [
    path("denunciar/", views.denunciar, name="denunciar"),
    path("denuncias/", views.bandeja, name="bandeja"),
    path("denuncias/<int:pk>/", views.denuncia, name="denuncia"),
    path("denuncias/<int:pk>/acto/", views.denuncia_acto, name="denuncia_acto"),
    path("multas/", views.multas, name="multas"),
    path("sumarios/", views.lista_sumarios, name="lista"),
    path("sumarios/<int:pk>/", views.sumario, name="sumario"),
    path("sumarios/<int:pk>/acto/", views.sumario_acto, name="sumario_acto"),
]
