from django.apps import AppConfig


class ReclamosConfig(AppConfig):
    name = "reclamos"
    verbose_name = "Reclamos"

    def ready(self):
        # Registers plazo consequences and hooks; the mediation's review section and reminders;
        # the provider's list walk (reclamos.recorridos).
        from reclamos import ganchos, ganchos_mediacion, selectors_proveedor  # noqa: F401 (imported to register)
