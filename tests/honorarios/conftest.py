"""Fees and fines build on the hearings' fixtures."""

from tests.audiencias.conftest import (  # noqa: F401
    ahora,
    conciliadores_con_horario,
    en_la_audiencia,
    espera_turno,
    fijada,
    media_privada,
    textos_art_10,
)
