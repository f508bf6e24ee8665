"""The draw as a pure, documented function (docs/decisions/0004-sorteo.md), shared by the
service, the public page and the `verificar_sorteo` command, so all three compute alike.

    compromiso = SHA-256(semilla as ASCII hex text)
    mensaje    = numero + "|" + canonical JSON of the padrón + "|" + ronda
    hmac       = HMAC-SHA256(key = bytes.fromhex(semilla), mensaje as UTF-8)
    empatados  = padrón entries with the lowest "carga", in padrón order (by matrícula)
    elegido    = empatados[int(hmac, 16) % len(empatados)]

The padrón is the eligible list at the draw, each entry {"matricula", "nombre", "carga"}, sorted
by matrícula. Canonical JSON: keys sorted, separators "," and ":", UTF-8 without escapes.
"""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class Resultado:
    hmac: str
    empatados: list[dict]
    indice: int
    elegido: dict


@dataclass(frozen=True)
class Verificacion:
    compromiso_ok: bool
    hmac_ok: bool
    resultado_ok: bool
    calculado: Resultado | None
    error: str = ""

    @property
    def coincide(self) -> bool:
        return self.compromiso_ok and self.hmac_ok and self.resultado_ok


def nueva_semilla() -> str:
    return secrets.token_hex(32)


def compromiso(semilla: str) -> str:
    return hashlib.sha256(semilla.encode("ascii")).hexdigest()


def json_canonico(padron: list[dict]) -> str:
    return json.dumps(padron, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def ordenar_padron(padron: list[dict]) -> list[dict]:
    return sorted(padron, key=lambda fila: fila["matricula"])


def huella_padron(padron: list[dict]) -> str:
    return hashlib.sha256(json_canonico(padron).encode("utf-8")).hexdigest()


def mensaje(numero: str, padron: list[dict], ronda: int) -> bytes:
    return f"{numero}|{json_canonico(padron)}|{ronda}".encode()


def calcular(semilla: str, numero: str, padron: list[dict], ronda: int) -> Resultado:
    """Raises ValueError for a seed that is not hex or an empty or malformed padrón."""
    if not padron:
        raise ValueError("El padrón está vacío.")
    if any(not isinstance(f, dict) or "matricula" not in f or "carga" not in f for f in padron):
        raise ValueError("Cada fila del padrón necesita «matricula» y «carga».")
    clave = bytes.fromhex(semilla)
    digest = hmac.new(clave, mensaje(numero, padron, ronda), hashlib.sha256).hexdigest()
    minima = min(int(f["carga"]) for f in padron)
    empatados = [f for f in padron if int(f["carga"]) == minima]
    indice = int(digest, 16) % len(empatados)
    return Resultado(hmac=digest, empatados=empatados, indice=indice, elegido=empatados[indice])


def verificar(
    *,
    semilla: str,
    numero: str,
    padron: list[dict],
    ronda: int,
    compromiso_publicado: str,
    hmac_publicado: str,
    matricula_publicada: str,
) -> Verificacion:
    """Recomputes the round from the given inputs and compares with what was published."""
    semilla = (semilla or "").strip().lower()
    try:
        compromiso_ok = hmac.compare_digest(compromiso(semilla), compromiso_publicado)
    except UnicodeEncodeError:
        compromiso_ok = False
    try:
        calculado = calcular(semilla, numero, padron, ronda)
    except (ValueError, TypeError) as error:
        return Verificacion(compromiso_ok, False, False, None, error=str(error))
    return Verificacion(
        compromiso_ok=compromiso_ok,
        hmac_ok=hmac.compare_digest(calculado.hmac, hmac_publicado),
        resultado_ok=calculado.elegido["matricula"] == matricula_publicada,
        calculado=calculado,
    )


PROGRAMA = '''import hashlib, hmac, json

numero = "{numero}"
ronda = {ronda}
semilla = "{semilla}"
padron = json.loads(r"""{padron}""")

# 1. The commitment published before the draw must be the SHA-256 of the seed.
print("compromiso:", hashlib.sha256(semilla.encode("ascii")).hexdigest())

# 2. HMAC-SHA256 keyed with the seed over: number | canonical JSON of the padron | round.
canonico = json.dumps(padron, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
mensaje = f"{{numero}}|{{canonico}}|{{ronda}}".encode("utf-8")
digest = hmac.new(bytes.fromhex(semilla), mensaje, hashlib.sha256).hexdigest()
print("hmac:", digest)

# 3. Among those with the lowest load (in padron order), the one at hmac mod their count.
minima = min(int(f["carga"]) for f in padron)
empatados = [f for f in padron if int(f["carga"]) == minima]
print("elegido:", empatados[int(digest, 16) % len(empatados)]["matricula"])
'''


def programa_python(*, numero: str, ronda: int, semilla: str, padron: list[dict]) -> str:
    """A self-contained Python program (standard library only) that redoes the round."""
    return PROGRAMA.format(
        numero=numero, ronda=ronda, semilla=semilla, padron=json_canonico(padron)
    )
