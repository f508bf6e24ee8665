from django.apps import AppConfig


class HonorariosConfig(AppConfig):
    name = "honorarios"
    verbose_name = "Honorarios y multas"
