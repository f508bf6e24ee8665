"""Issue 15, decision 0030: a régimen is a definition, not a branch. Services, views, permissions
and hooks ask the régimen's definition (normativa/regimenes/) for a term by its part in the
procedure (Papel) or for a flag; they never name a régimen code ("COPREC", "PE-INDECOPI") or a
term code ("AR-11", "PE-SAC-2").

A ratchet: PENDIENTES lists, per file, the literals that remain to be moved. The test fails when a
file gains literals, when a file not listed has any, and when a file has fewer than listed (so the
list is shrunk as the code is cleaned and never hides room for new ones)."""

import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
LITERAL = re.compile(r"""(["'])(AR-[0-9A-Za-z]+|PE-[A-Za-z0-9-]+|COPREC|PE-INDECOPI)\1""")
EXCLUIDOS = {"normativa", "tests", ".venv", "node_modules", "var", "artefactos", ".git"}

# What remains, file → number of literals. Only the deployment's configuration, keyed by régimen
# or term code as its environment variables are: the régimen a deployment files under by default
# (REGIMEN_POR_DEFECTO), the last filing day of each régimen (REGIMENES_VIGENTE_HASTA) and
# Indecopi's service-level timers (PLAZOS_DE_SERVICIO). Data, not a branch.
PENDIENTES: dict[str, int] = {"conciliacion/settings.py": 4}


def _contar() -> dict[str, int]:
    cuentas: dict[str, int] = {}
    for ruta in RAIZ.rglob("*.py"):
        relativa = ruta.relative_to(RAIZ)
        if relativa.parts[0] in EXCLUIDOS or "migrations" in relativa.parts:
            continue
        n = len(LITERAL.findall(ruta.read_text(encoding="utf-8")))
        if n:
            cuentas[relativa.as_posix()] = n
    return cuentas


def test_ningun_codigo_de_regimen_o_de_plazo_fuera_de_la_definicion():
    encontrados = _contar()
    nuevos = {f: n for f, n in encontrados.items() if n > PENDIENTES.get(f, 0)}
    assert not nuevos, (
        "Literales de régimen o de plazo fuera de normativa/: pedí el plazo por su papel "
        f"(Regimen.plazo_de / codigo_de) o una bandera de la definición. {nuevos}"
    )
    sobrantes = {f: (n, encontrados.get(f, 0)) for f, n in PENDIENTES.items()}
    sobrantes = {f: v for f, v in sobrantes.items() if v[1] < v[0]}
    assert not sobrantes, f"Achicá PENDIENTES (lista, hallados): {sobrantes}"


def test_el_patron_reconoce_los_codigos():
    texto = (
        """a = "AR-11"; b = 'PE-SAC-2'; c = "COPREC"; d = "PE-INDECOPI"; e = "AR-06a"; f = "ARS" """
    )
    assert [m[1] for m in LITERAL.findall(texto)] == [
        "AR-11",
        "PE-SAC-2",
        "COPREC",
        "PE-INDECOPI",
        "AR-06a",
    ]
