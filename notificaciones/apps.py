from django.apps import AppConfig


class NotificacionesConfig(AppConfig):
    name = "notificaciones"
    verbose_name = "Notificaciones"

    def ready(self):
        from notificaciones import senales  # noqa: F401
