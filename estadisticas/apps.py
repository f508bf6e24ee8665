from django.apps import AppConfig


class EstadisticasConfig(AppConfig):
    """The portal's figures: maintained aggregates per period, the public open data and the
    agency's dashboard (docs/decisions/0024-datos-abiertos-y-tablero.md). It reads every app of
    the procedure, so it sits after honorarios in the import order."""

    name = "estadisticas"
    verbose_name = "Estadísticas"
