from django.apps import AppConfig


class AudienciasConfig(AppConfig):
    name = "audiencias"
    verbose_name = "Audiencias"

    def ready(self):
        from audiencias import (
            ganchos,  # noqa: F401  (hooks, access, claim-page sections)
            ganchos_conciliacion,  # noqa: F401  (art. 2 review, AR-10)
            ganchos_mediacion,  # noqa: F401  (hearings an official conducts)
        )
