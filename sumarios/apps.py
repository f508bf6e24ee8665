from django.apps import AppConfig


class SumariosConfig(AppConfig):
    name = "sumarios"
    verbose_name = "Sumarios (CABA, Ley 757)"

    def ready(self):
        from sumarios import ganchos  # noqa: F401  (plazos of the sumario, access to its files)
