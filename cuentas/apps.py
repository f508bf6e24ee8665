from django.apps import AppConfig


class CuentasConfig(AppConfig):
    name = "cuentas"
    verbose_name = "Cuentas y organizaciones"

    def ready(self):
        from cuentas import senales  # noqa: F401
