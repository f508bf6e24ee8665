from django.urls import path

from normativa import views

app_name = "normativa"
urlpatterns = [
    path("panel/valores-legales/", views.valores_legales, name="valores"),
    path("panel/valores-legales/<int:pk>/", views.valor_legal, name="valor"),
]
