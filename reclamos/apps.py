from django.apps import AppConfig


class ReclamosConfig(AppConfig):
    name = "reclamos"
    verbose_name = "Reclamos"

    def ready(self):
        from reclamos import ganchos  # noqa: F401  (registers plazo consequences and hooks)
