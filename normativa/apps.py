from django.apps import AppConfig


class NormativaConfig(AppConfig):
    name = "normativa"
    verbose_name = "La normativa como datos"

    def ready(self):
        # The deployment checks of decision 0031 (REGIMENES_OFRECIDOS, AGENCIA_*).
        from conciliacion import agencia  # noqa: F401
