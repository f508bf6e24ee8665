from django.apps import AppConfig


class ReclamosConfig(AppConfig):
    name = "reclamos"
    verbose_name = "Reclamos"

    def ready(self):
        # Registers plazo consequences and hooks; the mediation's review section and reminders.
        from reclamos import ganchos, ganchos_mediacion  # noqa: F401
