from django.apps import AppConfig


class ExportacionesConfig(AppConfig):
    name = "exportaciones"
    verbose_name = "Exportaciones e informes para la autoridad"

    def ready(self):
        from exportaciones import ganchos  # noqa: F401  (who may see the reports' documents)
