from django.apps import AppConfig


class HonorariosConfig(AppConfig):
    name = "honorarios"
    verbose_name = "Honorarios y multas"

    def ready(self):
        from honorarios import ganchos  # noqa: F401  (hooks on the closing acts, plazos, sections)
