"""The sheet's states and the allowed acts, as data (DOMAIN §2.6), so a lawyer can check this
file against the rules. `libro.services` changes `estado` only through `transicionar`."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EstadoHoja(models.TextChoices):
    REGISTRADA = "REGISTRADA", _("Registrada")
    EN_ATENCION = "EN_ATENCION", _("En atención")
    PROPUESTA_ENVIADA = "PROPUESTA_ENVIADA", _("Propuesta de solución enviada")
    PROPUESTA_RECHAZADA = "PROPUESTA_RECHAZADA", _("Propuesta rechazada: respuesta pendiente")
    ACUERDO_ACEPTADO = "ACUERDO_ACEPTADO", _("Cerrada: acuerdo aceptado")
    RESPONDIDA = "RESPONDIDA", _("Cerrada: respondida")

    @classmethod
    def cerrados(cls) -> frozenset:
        return frozenset({cls.ACUERDO_ACEPTADO, cls.RESPONDIDA})

    @classmethod
    def cerrados_ordenados(cls) -> list:
        """The closed states in a fixed order: the open-sheet queue excludes exactly these, as
        its partial index hoja_cola_abiertas does, so PostgreSQL matches the two predicates."""
        return sorted(e.value for e in cls.cerrados())

    @classmethod
    def abiertos(cls) -> frozenset:
        return frozenset(set(cls) - cls.cerrados())


@dataclass(frozen=True)
class Transicion:
    desde: frozenset
    hacia: str
    fuente: str
    mensaje: str  # shown when the act is refused in the current state


E = EstadoHoja

TRANSICIONES = {
    # P2: the provider takes the sheet (company practice, S003).
    "atender": Transicion(
        frozenset({E.REGISTRADA}),
        E.EN_ATENCION,
        "S003",
        "La hoja ya está en atención o cerrada.",
    ),
    # P3: the first solution proposal suspends PE-01 up to 5 business days (PE-02); after a
    # rejection the provider may propose again (S003 7.3 b), without a new suspension.
    "proponer": Transicion(
        frozenset({E.REGISTRADA, E.EN_ATENCION, E.PROPUESTA_RECHAZADA}),
        E.PROPUESTA_ENVIADA,
        "DS 101-2022-PCM; S003",
        "Solo se puede proponer antes de la respuesta formal, sin otra propuesta pendiente.",
    ),
    # P4: the consumer accepts within PE-02.
    "aceptar": Transicion(
        frozenset({E.PROPUESTA_ENVIADA}),
        E.ACUERDO_ACEPTADO,
        "DS 101-2022-PCM",
        "La propuesta ya no está pendiente de su respuesta.",
    ),
    # P5: the consumer rejects, or PE-02 expires in silence (deemed rejection).
    "rechazar": Transicion(
        frozenset({E.PROPUESTA_ENVIADA}),
        E.PROPUESTA_RECHAZADA,
        "DS 101-2022-PCM",
        "La propuesta ya no está pendiente de su respuesta.",
    ),
    # P6: the formal answer by the chosen means closes the sheet and PE-01; it may come while a
    # proposal is pending (the answer is owed within PE-01 whatever the proposal), which then
    # loses its effect.
    "responder": Transicion(
        frozenset({E.REGISTRADA, E.EN_ATENCION, E.PROPUESTA_ENVIADA, E.PROPUESTA_RECHAZADA}),
        E.RESPONDIDA,
        "Ley 29571 art. 24",
        "La hoja ya está cerrada: no admite otra respuesta formal.",
    ),
}
