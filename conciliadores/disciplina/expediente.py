"""The case's expediente: one dated, append-only act per step (STYLE.md "The expediente")."""

from conciliadores.models import ActuacionDisciplinaria, CasoDisciplinario


def anotar(
    caso: CasoDisciplinario,
    codigo: str,
    texto: str,
    *,
    por=None,
    fuente: str = "",
    datos: dict | None = None,
    documento=None,
) -> ActuacionDisciplinaria:
    return ActuacionDisciplinaria.objects.create(
        caso=caso,
        codigo=codigo,
        por=por,
        estado_hacia=caso.estado,
        texto=texto[:300],
        fuente=fuente,
        datos=datos or {},
        documento=documento,
    )
