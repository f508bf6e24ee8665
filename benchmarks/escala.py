"""Benchmark: every list, queue, detail and API list page of every role on a database seeded at
scale (issue 13), served by gunicorn with DEBUG off, next to a baseline view of the same stack
(/_base/: middleware, session, base template and one query).

    createdb -h 127.0.0.1 -U postgres conciliacion_escala
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conciliacion_escala \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py sembrar_escala --reclamos 100000
    DATABASE_URL=... .venv/bin/python benchmarks/escala.py [--rondas 5] [--peticiones 3]
        [--trabajadores 2] [--puerto 8150] [--solo PREFIJO] [--explain] [--sin-tiempos]

Each round visits the pages in a new random order; every request to a page is preceded by a
request to /_base/ with the same credentials (interleaved, so both see the same machine load).
The table shows each page's p50 and p95 over all rounds, and its ratios to the baseline: p50×
is the median over rounds of (page median / baseline median in that round), p95× is the page's
p95 over the baseline's p95. A status other than 200 is shown (a page that fails is not fast).

--explain prints EXPLAIN of every SELECT the list and queue pages run (captured in-process with
Django's test client, as each persona), and --analizar turns it into EXPLAIN ANALYZE.

Not run in CI: benchmarks are not tests.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/conciliacion_escala")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conciliacion-bench-"))
os.environ["DJANGO_DEBUG"] = "0"
os.environ["BENCHMARK"] = "1"


@dataclass
class Pagina:
    etiqueta: str
    persona: str
    url: str
    lista: bool  # a list or queue (EXPLAIN with --explain)
    api_clave: bool = False
    tiempos: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    ratios_p50: list[float] = field(default_factory=list)
    estados: set[int] = field(default_factory=set)
    bytes: int = 0


def _pk(qs) -> int | None:
    return qs.order_by("-pk").values_list("pk", flat=True).first()


def paginas(personas) -> list[Pagina]:
    """The pages of every role, with a representative object for each detail page."""
    from audiencias.models import Audiencia
    from conciliadores.models import Designacion
    from normativa.regimenes.coprec import COPREC
    from reclamos.models import Mediacion, Reclamo

    cons, cons_pe = personas["consumidora"], personas["consumidora_pe"]
    prov = personas["proveedor"]
    conc = personas["conciliador"]
    func = personas["funcionario"]
    propio = _pk(Reclamo.objects.filter(consumidor=cons).exclude(estado="BORRADOR"))
    propio_pe = _pk(Reclamo.objects.filter(consumidor=cons_pe).exclude(estado="BORRADOR"))
    del_proveedor = _pk(
        # Served on it: before the cédula a provider gets 404 (decision 0015), and a 404 page
        # measured as the detail made the 100k row of session 5 meaningless.
        Reclamo.objects.filter(
            proveedores__organizacion__membresias__usuario=prov,
            proveedores__citado_en__isnull=False,
            regimen_codigo=COPREC.codigo,
        ).exclude(estado="BORRADOR")
    )
    en_admision = _pk(Reclamo.objects.filter(estado="EN_ADMISION"))
    en_homologacion = _pk(Reclamo.objects.filter(estado="EN_HOMOLOGACION"))
    del_conciliador = (
        Designacion.objects.filter(conciliador__usuario=conc, activa=True)
        .order_by("-pk")
        .values_list("reclamo_id", flat=True)
        .first()
    )
    de_la_funcionaria = (
        Mediacion.objects.filter(funcionario=func)
        .order_by("-pk")
        .values_list("reclamo_id", flat=True)
        .first()
    )
    audiencia = _pk(Audiencia.objects.filter(conciliador__usuario=conc))
    lista = [
        Pagina("Mis reclamos (consumidora)", "consumidora", "/reclamos/", True),
        Pagina("Detalle (consumidora)", "consumidora", f"/reclamos/{propio}/", False),
        Pagina("Pendientes (consumidora)", "consumidora", "/reclamos/pendientes/", True),
        Pagina("Mis notificaciones", "consumidora", "/notificaciones/", True),
        Pagina("API reclamos (consumidora, sesión)", "consumidora", "/api/v1/reclamos/", True),
        Pagina("Mis reclamos (consumidora PE)", "consumidora_pe", "/reclamos/", True),
        Pagina(
            "Expediente mediación (consumidora PE)",
            "consumidora_pe",
            f"/reclamos/{propio_pe}/mediacion/",
            False,
        ),
        Pagina("Reclamos (proveedor, sesión)", "proveedor", "/reclamos/", True),
        Pagina("Detalle (proveedor)", "proveedor", f"/reclamos/{del_proveedor}/", False),
        Pagina("API reclamos (proveedor, sesión)", "proveedor", "/api/v1/reclamos/", True),
        Pagina("API reclamos (proveedor, clave)", "proveedor", "/api/v1/reclamos/", True, True),
        Pagina(
            "API notificaciones (proveedor, clave)",
            "proveedor",
            "/api/v1/notificaciones/",
            True,
            True,
        ),
        Pagina("Libro: panel (proveedor PE)", "proveedor_pe", "/libro/panel/", True),
        Pagina("Cola de admisión", "admision", "/panel/admision/", True),
        Pagina("Revisar (admisión)", "admision", f"/panel/admision/{en_admision}/", False),
        Pagina("Cola de cumplimiento", "admision", "/panel/cumplimiento/", True),
        Pagina("Designaciones (admisión)", "admision", "/panel/designaciones/", True),
        Pagina("API reclamos (personal)", "admision", "/api/v1/reclamos/", True),
        Pagina("Cola de homologación", "homologacion", "/panel/homologacion/", True),
        Pagina(
            "Revisar (homologación)",
            "homologacion",
            f"/panel/homologacion/{en_homologacion}/",
            False,
        ),
        Pagina("Mis reclamos (conciliador)", "conciliador", "/conciliadores/mis-reclamos/", True),
        Pagina("Mi agenda (conciliador)", "conciliador", "/conciliadores/mi-agenda/", True),
        Pagina("API reclamos (conciliador)", "conciliador", "/api/v1/reclamos/", True),
        Pagina("Detalle (conciliador)", "conciliador", f"/reclamos/{del_conciliador}/", False),
        Pagina("Audiencia (conciliador)", "conciliador", f"/audiencias/{audiencia}/", False),
        Pagina("Registro de conciliadores", "registro", "/panel/registro/", True),
        Pagina("Multas (personal)", "multas", "/panel/multas/", True),
        Pagina("API multas (personal)", "multas", "/api/v1/multas/", True),
        Pagina("Bandeja de mediación (funcionaria)", "funcionario", "/panel/mediacion/", True),
        Pagina(
            "Expediente mediación (funcionaria)",
            "funcionario",
            f"/reclamos/{de_la_funcionaria}/mediacion/",
            False,
        ),
        Pagina("Identidades (funcionaria)", "funcionario", "/panel/mediacion/identidades/", True),
        # Issue 14: open data (public; measured with a session, as the baseline) and the
        # agency's dashboard. Their figures come from estadisticas.refresco (sembrar_escala
        # runs it at the end).
        Pagina("Datos abiertos (público)", "consumidora", "/datos-abiertos/", True),
        Pagina("API datos por proveedor", "consumidora", "/api/v1/datos/proveedores/", True),
        Pagina("Tablero de la autoridad", "admision", "/tablero/", True),
    ]
    return lista


def credenciales(personas) -> tuple[dict[str, dict], str]:
    """A session cookie per persona (force_login, as the tests do) and a fresh API key of the
    provider that holds a quarter of the claims."""
    from django.conf import settings
    from django.test import Client

    from cuentas.models import ClaveApi, Organizacion

    cookies = {}
    for clave, usuario in personas.items():
        cliente = Client()
        cliente.force_login(usuario)
        cookies[clave] = {
            settings.SESSION_COOKIE_NAME: cliente.cookies[settings.SESSION_COOKIE_NAME].value
        }
    organizacion = Organizacion.objects.filter(membresias__usuario=personas["proveedor"]).first()
    _clave, texto = ClaveApi.generar(
        organizacion=organizacion, nombre="benchmark escala", creada_por=personas["proveedor"]
    )
    return cookies, texto


def arrancar_gunicorn(puerto: int, trabajadores: int) -> subprocess.Popen:
    import socket

    import requests

    with socket.socket() as prueba:
        if prueba.connect_ex(("127.0.0.1", puerto)) == 0:
            raise SystemExit(f"El puerto {puerto} está en uso: elegí otro con --puerto.")
    # gunicorn is in the «produccion» extra: without it in the virtualenv, a copy installed
    # elsewhere (pip install --target DIR gunicorn) is found through GUNICORN_PYTHONPATH.
    binario = RAIZ / ".venv" / "bin" / "gunicorn"
    orden = [str(binario)] if binario.exists() else [sys.executable, "-m", "gunicorn"]
    extra = os.environ.get("GUNICORN_PYTHONPATH", "")
    entorno = {**os.environ, "DJANGO_TESTING": "0", "LOG_LEVEL": "ERROR"}
    if extra:
        entorno["PYTHONPATH"] = os.pathsep.join(filter(None, [extra, str(RAIZ)]))
    proceso = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            *orden,
            "conciliacion.wsgi",
            "--workers",
            str(trabajadores),
            "--bind",
            f"127.0.0.1:{puerto}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=entorno,
    )
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{puerto}/healthz", timeout=10).status_code == 200:
                return proceso
        except requests.RequestException:
            pass  # still booting (imports take seconds on a loaded machine)
        time.sleep(0.5)
    proceso.terminate()
    raise SystemExit("gunicorn no respondió en /healthz")


def medir(paginas_, cookies, clave_api, puerto, rondas, peticiones, calentamiento) -> list[float]:
    import requests

    raiz = f"http://127.0.0.1:{puerto}"
    todas_base = []

    def pedir(url, pagina):
        sesion = requests.Session()
        headers = {"Accept-Language": "es"}
        if pagina.api_clave:
            headers["Authorization"] = f"Clave {clave_api}"
        else:
            sesion.cookies.update(cookies[pagina.persona])
        inicio = time.perf_counter()
        respuesta = sesion.get(raiz + url, headers=headers, allow_redirects=False, timeout=300)
        return time.perf_counter() - inicio, respuesta

    # Warm-up (templates compiled, connections opened in the workers).
    for pagina in paginas_:
        for _ in range(calentamiento):
            pedir("/_base/", pagina)
            pedir(pagina.url, pagina)
    for ronda in range(rondas):
        orden = paginas_[:]
        random.shuffle(orden)
        base_ronda = []
        por_pagina: dict[str, list[float]] = {}
        for pagina in orden:
            for _ in range(peticiones):
                t_base, r_base = pedir("/_base/", pagina)
                t, respuesta = pedir(pagina.url, pagina)
                if r_base.status_code != 200:
                    raise SystemExit(f"/_base/ respondió {r_base.status_code} ({pagina.etiqueta})")
                base_ronda.append(t_base)
                pagina.base.append(t_base)
                pagina.tiempos.append(t)
                pagina.estados.add(respuesta.status_code)
                pagina.bytes = len(respuesta.content)
                por_pagina.setdefault(pagina.etiqueta, []).append(t)
        mediana_base = statistics.median(base_ronda)
        for pagina in paginas_:
            pagina.ratios_p50.append(statistics.median(por_pagina[pagina.etiqueta]) / mediana_base)
        todas_base += base_ronda
        print(f"ronda {ronda + 1}/{rondas}: base p50 {mediana_base * 1000:.1f} ms", flush=True)
    return todas_base


def p95(valores: list[float]) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(0.95 * (len(ordenados) - 1)))]


def imprimir(paginas_: list[Pagina], base: list[float]) -> None:
    base_p50, base_p95 = statistics.median(base), p95(base)
    print()
    print(f"Base /_base/: p50 {base_p50 * 1000:.1f} ms, p95 {base_p95 * 1000:.1f} ms")
    print()
    print("| página | URL | estado | KB | p50 ms | p95 ms | p50× | p95× |")
    print("|---|---|---|---|---|---|---|---|")
    for p in paginas_:
        estado = ",".join(str(e) for e in sorted(p.estados))
        print(
            f"| {p.etiqueta} | {p.url} | {estado} | {p.bytes / 1024:.0f} | "
            f"{statistics.median(p.tiempos) * 1000:.0f} | {p95(p.tiempos) * 1000:.0f} | "
            f"{statistics.median(p.ratios_p50):.1f} | {p95(p.tiempos) / base_p95:.1f} |"
        )
    fallidas = [p.etiqueta for p in paginas_ if p.estados != {200}]
    if fallidas:
        print()
        print(f"ATENCIÓN: no respondieron 200 (su fila no mide la página): {', '.join(fallidas)}")


def explicar(paginas_: list[Pagina], personas, clave_api, analizar: bool) -> None:
    """EXPLAIN of every SELECT each list and queue page runs, as its persona."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    vistas = set()
    secuenciales: list[tuple[str, str]] = []
    for pagina in paginas_:
        if not pagina.lista:
            continue
        cliente = Client(HTTP_ACCEPT_LANGUAGE="es")
        extra = {}
        if pagina.api_clave:
            extra["HTTP_AUTHORIZATION"] = f"Clave {clave_api}"
        else:
            cliente.force_login(personas[pagina.persona])
        with CaptureQueriesContext(connection) as consultas:
            respuesta = cliente.get(pagina.url, **extra)
        print(f"\n=== {pagina.etiqueta} {pagina.url} ({respuesta.status_code}, "
              f"{len(consultas)} consultas)")  # fmt: skip
        for consulta in consultas:
            sql = consulta["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or "django_session" in sql:
                continue
            if sql in vistas:
                continue
            vistas.add(sql)
            prefijo = "EXPLAIN (ANALYZE, BUFFERS) " if analizar else "EXPLAIN "
            with connection.cursor() as cursor:
                cursor.execute(prefijo + sql)
                plan = "\n    ".join(fila[0] for fila in cursor.fetchall())
            print(f"\n  {sql[:600]}{'…' if len(sql) > 600 else ''}\n    {plan}")
            for tabla in re.findall(r"Seq Scan on (\w+)", plan):
                secuenciales.append((pagina.etiqueta, tabla))
    # Sequential scans are fine on small tables (the planner prefers them there); the summary
    # names each one with the table's size so that a scan of a big table stands out.
    print("\n=== Lecturas secuenciales (página, tabla, filas estimadas de la tabla)")
    with connection.cursor() as cursor:
        for etiqueta, tabla in secuenciales:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [tabla])
            fila = cursor.fetchone()
            print(f"  {etiqueta}: {tabla} ({fila[0] if fila else '?'} filas)")
    if not secuenciales:
        print("  ninguna")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--peticiones", type=int, default=3, help="por página y ronda")
    parser.add_argument("--trabajadores", type=int, default=2)
    parser.add_argument("--calentamiento", type=int, default=2, help="pedidos previos por página")
    parser.add_argument("--puerto", type=int, default=8150)
    parser.add_argument(
        "--solo",
        default="",
        help="solo las páginas cuya etiqueta empieza así (varios prefijos separados por |)",
    )
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--analizar", action="store_true", help="EXPLAIN ANALYZE")
    parser.add_argument("--sin-tiempos", action="store_true", help="solo --explain")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import OperationalError, connection

    from cuentas.models import Usuario
    from escala.sembrado import MARCADOR, PERSONAS

    if connection.vendor != "postgresql":
        raise SystemExit("El benchmark de escala corre sobre PostgreSQL (DATABASE_URL).")
    try:
        tablas = connection.introspection.table_names()
    except OperationalError:
        raise SystemExit("No hay base en DATABASE_URL: crearla, migrar y sembrar.") from None
    if MARCADOR not in tablas:
        raise SystemExit("La base no está sembrada: corré manage.py sembrar_escala --reclamos N.")
    from reclamos.models import Reclamo

    personas = {clave: Usuario.objects.get(email=email) for clave, (email, _r) in PERSONAS.items()}
    prefijos = tuple(args.solo.split("|"))
    lista = [p for p in paginas(personas) if p.etiqueta.startswith(prefijos)]
    cookies, clave_api = credenciales(personas)
    print(f"Reclamos en la base: {Reclamo.objects.count()}; páginas: {len(lista)}")
    if not args.sin_tiempos:
        proceso = arrancar_gunicorn(args.puerto, args.trabajadores)
        try:
            base = medir(
                lista,
                cookies,
                clave_api,
                args.puerto,
                args.rondas,
                args.peticiones,
                args.calentamiento,
            )
        finally:
            proceso.terminate()
            proceso.wait(timeout=30)
        imprimir(lista, base)
    if args.explain or args.sin_tiempos:
        explicar(lista, personas, clave_api, args.analizar)


if __name__ == "__main__":
    main()
