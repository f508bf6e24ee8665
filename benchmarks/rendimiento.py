"""Benchmark: throughput at demo size with wrk (issue 13, decision 0034).

Four measured requests, each against a baseline served by the same gunicorn, middleware and
credentials:

    "Mis reclamos" (consumer's session)     GET /reclamos/            vs GET /_base/
    claim detail (consumer's session)        GET /reclamos/<id>/       vs GET /_base/
    staff admission queue (MFA enrolled)     GET /panel/admision/      vs GET /_base/
    API filing (consumer office's API key)   POST /api/v1/reclamos/    vs POST /_base/escritura/

/_base/ renders the base template with one query; /_base/escritura/ parses the same JSON body
through DRF with the same API key and throttle and writes one row with a single INSERT. Both
exist only when BENCHMARK=1, which this script sets for its gunicorn.

Rounds are interleaved: in each round, in a new random order, every page runs for --segundos
under wrk, then its baseline for as long; the ratio (page req/s / baseline req/s) is taken per
round and the table shows the median over rounds. Targets: pages >= 60 %, API filing >= 25 %.
Every API filing carries a unique Idempotency-Key and a new consumer (a Lua script for wrk).

    createdb -h 127.0.0.1 -U postgres rend_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rend_bench \\
        CELERY_BROKER_URL=redis://127.0.0.1:6379/N REDIS_URL=redis://127.0.0.1:6379/M \\
        .venv/bin/python benchmarks/rendimiento.py --preparar [--rondas 3] [--segundos 10]
        [--conexiones 4] [--trabajadores 2] [--puerto 8160] [--solo PREFIJO]

--preparar migrates and loads the demo (the Makefile's demo target; idempotent). Needs wrk
(Debian package wrk). Not run in CI: benchmarks are not tests.
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rend_bench")
# The API's per-key throttle (600/min) would turn a throughput run into 429s.
os.environ.setdefault("API_LIMITE", "100000000/min")

from benchmarks.escala import arrancar_gunicorn  # noqa: E402  (sets DEBUG off, BENCHMARK=1)

DEMO = [
    "cargar_demo",
    "cargar_demo_reclamos",
    "cargar_demo_libro",
    "cargar_demo_mediacion",
    "cargar_demo_audiencias",
    "cargar_demo_honorarios",
]
CONSUMIDORA = "consumidora@demo.conciliacion.ar"
ADMISION = "admision@demo.conciliacion.ar"
GESTORA = "gestora.bench@demo.conciliacion.ar"

LUA = """
local hilos = 0
function setup(thread)
  thread:set("hilo", hilos)
  hilos = hilos + 1
end
function init(args)
  prefijo = args[1] .. "h" .. tostring(hilo)
  contador = 0
  plantilla = args[2]
end
function request()
  contador = contador + 1
  local clave = prefijo .. "n" .. tostring(contador)
  local dni = tostring(10000000 + (tonumber(hilo) * 1000000 + contador) % 89999999)
  local cuerpo = plantilla:gsub("__CLAVE__", clave):gsub("__DNI__", dni)
  local encabezados = {}
  for k, v in pairs(wrk.headers) do encabezados[k] = v end
  encabezados["Idempotency-Key"] = clave
  encabezados["Content-Type"] = "application/json"
  return wrk.format("POST", nil, encabezados, cuerpo)
end
"""

CUERPO = {
    "email": "bench+__CLAVE__@example.com",
    "nombre": "Víctor",
    "apellido": "Sosa",
    "dni": "__DNI__",
    "domicilio": "Mitre 200, CABA",
    "hechos": "Me cobraron dos veces el mismo mes.",
    "objeto": "Devolución del cargo duplicado.",
    "monto": "45000.00",
    "lugar": "CABA",
    "metodo_designacion": "a",
    "proveedores": [
        {
            "cuit": "30-71234567-1",
            "razon_social": "Telefonía Ejemplo S.A.",
            "domicilio_legal": "Av. Corrientes 1234",
        }
    ],
}


@dataclass
class Medida:
    etiqueta: str
    url: str
    base: str
    encabezados: list[str]
    post: bool = False
    meta: float = 0.60
    pagina_rps: list[float] = field(default_factory=list)
    base_rps: list[float] = field(default_factory=list)
    razones: list[float] = field(default_factory=list)


def preparar() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for comando in DEMO:
        call_command(comando, verbosity=0)


def credenciales():
    """Session cookies of the consumer and of admission staff (TOTP enrolled, as a real staff
    member must be), and an API key of a consumer association (who may file through the API)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.test import Client

    from cuentas.models import ClaveApi, Membresia, Organizacion, Rol, Usuario

    consumidora = Usuario.objects.get(email=CONSUMIDORA)
    admision = Usuario.objects.get(email=ADMISION)
    if not Authenticator.objects.filter(user=admision, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admision, generate_totp_secret())
    cookies = {}
    for clave, usuario in (("consumidora", consumidora), ("admision", admision)):
        cliente = Client()
        cliente.force_login(usuario)
        cookies[clave] = (
            f"{settings.SESSION_COOKIE_NAME}={cliente.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    asociacion, _ = Organizacion.objects.get_or_create(
        tipo=Organizacion.Tipo.ASOCIACION,
        identificador="30700000016",
        defaults={
            "tipo_identificador": "CUIT",
            "razon_social": "Consumidores Unidos (benchmark)",
            "estado": Organizacion.Estado.ACTIVA,
        },
    )
    gestora, _ = Usuario.objects.get_or_create(
        email=GESTORA,
        defaults={"rol": Rol.REPRESENTANTE, "nombre": "Gestora", "apellido": "Bench"},
    )
    Membresia.objects.get_or_create(
        usuario=gestora, organizacion=asociacion, defaults={"es_administrador": True}
    )
    _clave, texto = ClaveApi.generar(
        organizacion=asociacion, nombre="benchmark", creada_por=gestora
    )
    return consumidora, cookies, texto


def detalle_mas_largo(consumidora) -> int:
    """The consumer's claim with the longest expediente (the demo's worst detail page)."""
    from django.db.models import Count

    from reclamos.models import Reclamo

    return (
        Reclamo.objects.filter(consumidor=consumidora)
        .exclude(estado="BORRADOR")
        .annotate(n=Count("actuaciones"))
        .order_by("-n", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def medidas(consumidora, cookies, clave_api) -> list[Medida]:
    detalle = detalle_mas_largo(consumidora)
    c, a = f"Cookie: {cookies['consumidora']}", f"Cookie: {cookies['admision']}"
    idioma = "Accept-Language: es"
    return [
        Medida("Mis reclamos (consumidora)", "/reclamos/", "/_base/", [c, idioma]),
        Medida(
            "Detalle del reclamo (consumidora)", f"/reclamos/{detalle}/", "/_base/", [c, idioma]
        ),
        Medida("Cola de admisión (personal con MFA)", "/panel/admision/", "/_base/", [a, idioma]),
        Medida(
            "Carga por API (clave de asociación)",
            "/api/v1/reclamos/",
            "/_base/escritura/",
            [f"Authorization: Clave {clave_api}", idioma],
            post=True,
            meta=0.25,
        ),
    ]


def comprobar(raiz: str, medida: Medida) -> None:
    """One request of each side before timing: a redirect (to the login or the MFA page) or an
    error must not be counted as throughput (wrk only flags statuses >= 400)."""
    import requests

    encabezados = dict(h.split(": ", 1) for h in medida.encabezados)
    for url in (medida.url, medida.base):
        if medida.post:
            encabezados["Idempotency-Key"] = f"comprobar-{time.time_ns()}"
            cuerpo = json.dumps(CUERPO).replace("__CLAVE__", f"c{time.time_ns()}")
            cuerpo = cuerpo.replace("__DNI__", "29999999")
            encabezados["Content-Type"] = "application/json"
            respuesta = requests.post(
                raiz + url, data=cuerpo.encode(), headers=encabezados, timeout=60
            )
            esperado = {202, 201}
        else:
            respuesta = requests.get(
                raiz + url, headers=encabezados, allow_redirects=False, timeout=60
            )
            esperado = {200}
        if respuesta.status_code not in esperado:
            raise SystemExit(
                f"{medida.etiqueta}: {url} respondió {respuesta.status_code}: "
                f"{respuesta.text[:300]}"
            )


def wrk(url: str, encabezados: list[str], segundos: float, conexiones: int, script=None, args=()):
    orden = ["wrk", "-t1", f"-c{conexiones}", f"-d{segundos}s", "--timeout", "30s"]
    for encabezado in encabezados:
        orden += ["-H", encabezado]
    if script:
        orden += ["-s", script]
    orden.append(url)
    if args:
        orden += ["--", *args]
    salida = subprocess.run(orden, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", salida).group(1))
    malas = re.search(r"Non-2xx or 3xx responses: (\d+)", salida)
    errores = re.search(r"Socket errors: (.*)", salida)
    if malas or errores:
        raise SystemExit(f"wrk {url}: {malas and malas.group(0)} {errores and errores.group(0)}")
    return rps


def correr(medida: Medida, raiz: str, segundos: float, conexiones: int, script: str) -> float:
    if not medida.post:
        return (
            wrk(raiz + medida.url, medida.encabezados, segundos, conexiones),
            wrk(raiz + medida.base, medida.encabezados, segundos, conexiones),
        )
    plantilla = json.dumps(CUERPO, ensure_ascii=False)
    sufijo = f"{time.time_ns() % 10**12}"
    return (
        wrk(raiz + medida.url, medida.encabezados, segundos, conexiones, script,
            (f"p{sufijo}", plantilla)),
        wrk(raiz + medida.base, medida.encabezados, segundos, conexiones, script,
            (f"b{sufijo}", plantilla)),
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preparar", action="store_true", help="migrar y cargar la demo")
    parser.add_argument("--rondas", type=int, default=3)
    parser.add_argument("--segundos", type=int, default=10)
    parser.add_argument("--conexiones", type=int, default=4)
    parser.add_argument("--trabajadores", type=int, default=2)
    parser.add_argument("--puerto", type=int, default=8160)
    parser.add_argument("--solo", default="", help="prefijos de etiqueta separados por |")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("Falta wrk: apt-get install -y wrk")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("Este benchmark corre sobre PostgreSQL (DATABASE_URL).")
    if args.preparar:
        preparar()
    consumidora, cookies, clave_api = credenciales()
    lista = [m for m in medidas(consumidora, cookies, clave_api) if m.etiqueta.startswith(
        tuple(args.solo.split("|")))]  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as archivo:
        archivo.write(LUA)
        script = archivo.name
    raiz = f"http://127.0.0.1:{args.puerto}"
    connection.close()
    proceso = arrancar_gunicorn(args.puerto, args.trabajadores)
    try:
        for medida in lista:
            comprobar(raiz, medida)
            correr(medida, raiz, 2, args.conexiones, script)  # warm-up
        for ronda in range(args.rondas):
            orden = lista[:]
            random.shuffle(orden)
            for medida in orden:
                pagina, base = correr(medida, raiz, args.segundos, args.conexiones, script)
                medida.pagina_rps.append(pagina)
                medida.base_rps.append(base)
                medida.razones.append(pagina / base)
                print(
                    f"ronda {ronda + 1}: {medida.etiqueta}: {pagina:.1f} req/s, base "
                    f"{base:.1f} req/s, {100 * pagina / base:.1f} %",
                    flush=True,
                )
    finally:
        proceso.terminate()
        proceso.wait(timeout=30)
        os.unlink(script)
    print()
    print(
        f"wrk -t1 -c{args.conexiones}, {args.segundos:g} s por lado, {args.rondas} rondas, "
        f"gunicorn {args.trabajadores} workers sync, DEBUG off"
    )
    print()
    print("| medida | URL | base | req/s (mediana) | base req/s | % de la base (mediana) | meta |")
    print("|---|---|---|---|---|---|---|")
    for m in lista:
        razon = statistics.median(m.razones)
        print(
            f"| {m.etiqueta} | {m.url} | {m.base} | {statistics.median(m.pagina_rps):.1f} | "
            f"{statistics.median(m.base_rps):.1f} | {100 * razon:.1f} % "
            f"({', '.join(f'{100 * r:.0f}' for r in m.razones)}) | "
            f"{'✓' if razon >= m.meta else '✗'} ≥ {100 * m.meta:.0f} % |"
        )


if __name__ == "__main__":
    main()
