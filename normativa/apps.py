from django.apps import AppConfig


class NormativaConfig(AppConfig):
    name = "normativa"
    verbose_name = "La normativa como datos"
