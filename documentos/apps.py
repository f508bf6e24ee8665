from django.apps import AppConfig


class DocumentosConfig(AppConfig):
    name = "documentos"
    verbose_name = "Documentos emitidos y archivos"

    def ready(self):
        from documentos import accesos  # noqa: F401  (registers the access rules of cuentas' models)
