from django.apps import AppConfig


class AudienciasConfig(AppConfig):
    name = "audiencias"
    verbose_name = "Audiencias"
