from django.apps import AppConfig


class PlazosConfig(AppConfig):
    name = "plazos"
    verbose_name = "Plazos"
