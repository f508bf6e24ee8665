"""Benchmark: one full sweep of due plazos next to a raw SQL UPDATE of the same rows.

Seeds 300,000 running plazos of which 10,000 are due, times `plazos.barrido.vencer_plazos` with a
no-op consequence, resets the rows and times a single SQL UPDATE that expires the same 10,000 on
the same database. Target: the sweep takes at most 3× the raw UPDATE.

    .venv/bin/python benchmarks/sweeper.py [--total 300000] [--debidos 10000] [--rondas 3]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/conciliacion_bench (created and
migrated when missing). The benchmark drops and re-seeds the plazos table of that database.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/conciliacion_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def _tipos() -> tuple[str, str]:
    """A COPREC term that needs staff confirmation (AR-01) and one that does not (AR-05)."""
    from normativa.regimenes import Papel
    from normativa.regimenes.coprec import COPREC

    return COPREC.codigo_de(Papel.ACREDITACION), COPREC.codigo_de(Papel.EXCUSACION)


def crear_base_si_falta(url: str) -> None:
    partes = urlparse(url)
    if not partes.scheme.startswith("postgres"):
        return
    import psycopg2

    nombre = partes.path.lstrip("/")
    conexion = psycopg2.connect(
        host=partes.hostname,
        port=partes.port or 5432,
        user=partes.username or "postgres",
        password=partes.password or None,
        dbname="postgres",
    )
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nombre])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{nombre}"')
            print(f"Base {nombre} creada.")
    conexion.close()


def sembrar(total: int, debidos: int, ahora) -> None:
    """COPY `total` running plazos; the first `debidos` fell due an hour ago."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from cuentas.models import Organizacion
    from normativa.regimenes.coprec import COPREC
    from plazos.models import Plazo

    CON_CONFIRMACION, SIN_CONFIRMACION = _tipos()

    tipo_contenido = ContentType.objects.get_for_model(Organizacion).pk
    tabla = Plazo._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tabla} RESTART IDENTITY CASCADE")
    columnas = (
        "content_type_id, object_id, tipo, regimen, calendario, unidad, cantidad, prorroga, "
        "mueve_a_habil, inicio, vence, vence_en, estado, version_calendario, explicacion, "
        "recordatorio_enviado, intentos, ultimo_error, requiere_atencion, abierto_en"
    )
    buffer = io.StringIO()
    for i in range(total):
        vence_en = ahora - dt.timedelta(hours=1) if i < debidos else ahora + dt.timedelta(days=30)
        tipo = CON_CONFIRMACION if i % 2 else SIN_CONFIRMACION  # half need staff (Q18)
        vence = vence_en.date()
        inicio = vence - dt.timedelta(days=14)
        buffer.write(
            f"{tipo_contenido}\t{i + 1}\t{tipo}\t{COPREC.codigo}\tAR\thabiles\t10\t0\tt\t{inicio}\t"
            f"{vence}\t{vence_en.isoformat()}\tcorriendo\tbench\t{{}}\tf\t0\t\tf\t"
            f"{ahora.isoformat()}\n"
        )
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {tabla} ({columnas}) FROM STDIN", buffer)
    vacuum()


def vacuum() -> None:
    from django.db import connection

    from plazos.models import Plazo

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Plazo._meta.db_table}")


def restablecer(ahora) -> None:
    from plazos.models import Plazo

    Plazo.objects.filter(estado=Plazo.Estado.VENCIDO).update(
        estado=Plazo.Estado.CORRIENDO, cerrado_en=None, requiere_atencion=False
    )
    vacuum()


def medir_barrido(ahora, debidos: int) -> float:
    from plazos import barrido
    from plazos.models import Plazo

    inicio = time.perf_counter()
    vencidos = barrido.vencer_plazos(ahora=ahora)
    duracion = time.perf_counter() - inicio
    assert vencidos == debidos, (vencidos, debidos)
    assert Plazo.objects.filter(estado=Plazo.Estado.VENCIDO).count() == debidos
    return duracion


def medir_update(ahora, debidos: int) -> float:
    from django.db import connection, transaction

    from plazos.models import Plazo

    CON_CONFIRMACION, _ = _tipos()

    tabla = Plazo._meta.db_table
    inicio = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {tabla} SET estado = 'vencido', cerrado_en = %s, postergado_hasta = NULL, "
            "requiere_atencion = (requiere_atencion OR tipo = %s) "
            "WHERE estado = 'corriendo' AND vence_en <= %s "
            "AND (postergado_hasta IS NULL OR postergado_hasta <= %s)",
            [ahora, CON_CONFIRMACION, ahora, ahora],
        )
        filas = cursor.rowcount
    duracion = time.perf_counter() - inicio
    assert filas == debidos, (filas, debidos)
    return duracion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=300_000)
    parser.add_argument("--debidos", type=int, default=10_000)
    parser.add_argument("--rondas", type=int, default=5)
    args = parser.parse_args()

    crear_base_si_falta(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from plazos import registro

    CON_CONFIRMACION, SIN_CONFIRMACION = _tipos()

    call_command("migrate", verbosity=0)
    for tipo in (CON_CONFIRMACION, SIN_CONFIRMACION):
        registro.registrar_consecuencia(tipo, lambda plazo: None)  # no-op consequence

    ahora = timezone.now()
    print(f"Base: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"Sembrando {args.total:,} plazos corriendo, {args.debidos:,} vencidos…")
    sembrar(args.total, args.debidos, ahora)

    # A warm-up of each (discarded): the first statement after seeding pays for cold caches.
    medir_barrido(ahora, args.debidos)
    restablecer(ahora)
    medir_update(ahora, args.debidos)
    restablecer(ahora)
    barridos, updates = [], []
    for ronda in range(1, args.rondas + 1):
        # Alternate which one goes first, so neither always follows the other's VACUUM.
        orden = ["barrido", "update"] if ronda % 2 else ["update", "barrido"]
        for cual in orden:
            if cual == "barrido":
                barridos.append(medir_barrido(ahora, args.debidos))
            else:
                updates.append(medir_update(ahora, args.debidos))
            restablecer(ahora)
        print(f"  ronda {ronda}: barrido {barridos[-1]:.3f} s · UPDATE {updates[-1]:.3f} s")

    barrido_s, update_s = statistics.median(barridos), statistics.median(updates)
    razon = barrido_s / update_s
    print(f"Barrido (vencer_plazos, consecuencia vacía): {barrido_s:.3f} s (mediana)")
    print(f"UPDATE SQL de las mismas filas:             {update_s:.3f} s (mediana)")
    print(f"Razón: {razon:.2f}× (objetivo ≤ 3×) — {'OK' if razon <= 3 else 'POR ENCIMA'}")


if __name__ == "__main__":
    main()
