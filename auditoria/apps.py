from django.apps import AppConfig


class AuditoriaConfig(AppConfig):
    name = "auditoria"
    verbose_name = "Auditoría en las Relaciones de Consumo"

    def ready(self):
        from auditoria import ganchos  # noqa: F401  (registers sections, access and plazos)
