"""The claim's jurisdiction and whether a conciliator serves it.

The claim stores the venue the consumer chose (art. 5) as "<criterion> — <locality>" (the
wizard) or just the locality; the locality is the jurisdiction. Names are compared without case,
accents or extra spaces, and the usual names of the City of Buenos Aires are one jurisdiction.
"""

import unicodedata

CABA = "CABA"
_ALIAS = {
    "caba": CABA,
    "c.a.b.a.": CABA,
    "ciudad autonoma de buenos aires": CABA,
    "ciudad de buenos aires": CABA,
    "capital federal": CABA,
}


def normalizar(nombre: str) -> str:
    sin_tildes = unicodedata.normalize("NFKD", nombre or "")
    sin_tildes = "".join(c for c in sin_tildes if not unicodedata.combining(c))
    clave = " ".join(sin_tildes.lower().split())
    return _ALIAS.get(clave, clave).lower()


def jurisdiccion_de(reclamo) -> str:
    """The locality of the venue the consumer chose, as written (empty when unknown)."""
    lugar = (reclamo.lugar or "").strip()
    if "—" in lugar:
        lugar = lugar.rsplit("—", 1)[1].strip()
    return CABA if normalizar(lugar) == CABA.lower() else lugar


def atiende(conciliador, jurisdiccion: str) -> bool:
    clave = normalizar(jurisdiccion)
    return bool(clave) and any(normalizar(j) == clave for j in conciliador.jurisdicciones or [])
