from django.apps import AppConfig


class AudienciasConfig(AppConfig):
    name = "audiencias"
    verbose_name = "Audiencias"

    def ready(self):
        from audiencias import ganchos  # noqa: F401  (hooks, access, claim-page sections)
