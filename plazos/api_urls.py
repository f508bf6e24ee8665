from django.urls import path

from plazos.api import CalcularPlazoView

urlpatterns = [path("plazos/calcular", CalcularPlazoView.as_view(), name="api-plazos-calcular")]
