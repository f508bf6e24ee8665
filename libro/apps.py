from django.apps import AppConfig


class LibroConfig(AppConfig):
    name = "libro"
    verbose_name = "Libro de Reclamaciones (Perú)"

    def ready(self):
        from libro import ganchos  # noqa: F401  (registers the PE-01/PE-02 expiry consequences)
