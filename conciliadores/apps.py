from django.apps import AppConfig


class ConciliadoresConfig(AppConfig):
    name = "conciliadores"
    verbose_name = "Conciliadores"

    def ready(self):
        from conciliadores import ganchos  # noqa: F401  (registers hooks, access and reminders)
