"""Benchmark: a booking storm ("Elegir Turno" from many consumers at once) next to plain INSERTs
of the same hearings on the same database.

Seeds N claims waiting for a slot and one conciliator with N one-off slots, then W threads book
them all through audiencias.services.turnos.elegir_turno (lock, re-check, draw, hearing, act,
cédula, invitations); then truncates and inserts the same N hearings with one bulk INSERT.

    .venv/bin/python benchmarks/reservas.py [--reclamos 200] [--hilos 8]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/conciliacion_bench (created and
migrated when missing); its claims and hearings are replaced.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/conciliacion_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conciliacion-bench-"))

from benchmarks.sweeper import crear_base_si_falta  # noqa: E402


def preparar(n: int):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE audiencias_cedula, audiencias_asistencia, audiencias_firma, "
            "audiencias_acuerdo, audiencias_audiencia, audiencias_turnopuntual "
            "RESTART IDENTITY CASCADE"
        )
    from audiencias.models import TurnoPuntual
    from conciliadores.models import Conciliador
    from cuentas.models import Organizacion, Usuario
    from normativa.models import TextoNormativo
    from reclamos.estados import Estado
    from reclamos.models import Reclamo, ReclamoProveedor

    for clave in ("ley26993_art11", "ley26993_art16"):
        TextoNormativo.objects.get_or_create(
            clave=clave,
            vigente_desde=dt.date(2014, 9, 1),
            defaults={"titulo": clave, "texto": "Texto de prueba.", "fuente": "Ley 26.993"},
        )
    org, _ = Organizacion.objects.get_or_create(
        tipo="proveedor",
        identificador="30712345671",
        defaults={
            "razon_social": "Telefonía Bench S.A.",
            "domicilio_legal": "Corrientes 1234",
            "estado": "activa",
            "domicilio_electronico": "cedulas@bench.example",
        },
    )
    usuario, _ = Usuario.objects.get_or_create(
        email="conciliador@bench.example",
        defaults={"rol": "conciliador", "nombre": "Bench", "apellido": "Conciliador"},
    )
    conciliador, _ = Conciliador.objects.get_or_create(
        usuario=usuario,
        defaults={
            "matricula": "BENCH-1",
            "tipo": "a",
            "jurisdicciones": ["CABA"],
            "modalidades": ["presencial"],
            "domicilio_profesional": "Lavalle 1",
        },
    )
    zona = dt.timezone(dt.timedelta(hours=-3))
    hoy = dt.datetime.now(zona).date()
    primer_dia = hoy + dt.timedelta(days=8)
    inicios = []
    dia = primer_dia
    while len(inicios) < n:
        if dia.weekday() < 5:
            for minuto in range(0, 8 * 60, 10):
                inicios.append(
                    dt.datetime.combine(dia, dt.time(9), tzinfo=zona) + dt.timedelta(minutes=minuto)
                )
        dia += dt.timedelta(days=1)
    inicios = inicios[:n]
    TurnoPuntual.objects.bulk_create(
        TurnoPuntual(
            conciliador=conciliador,
            inicio=i,
            duracion_minutos=10,
            modalidad="presencial",
            lugar="Lavalle 1",
            publicado_por=usuario,
        )
        for i in inicios
    )
    Reclamo.objects.filter(numero__startswith="BENCH-").update(estado=Estado.ARCHIVADO)
    reclamos = []
    for i in range(n):
        consumidor, _ = Usuario.objects.get_or_create(
            email=f"c{i}@bench.example",
            defaults={"rol": "consumidor", "nombre": "C", "apellido": str(i)},
        )
        reclamo = Reclamo.objects.create(
            numero=f"BENCH-{time.time_ns()}-{i}",
            estado=Estado.ESPERA_TURNO,
            consumidor=consumidor,
            consumidor_nombre="C",
            consumidor_apellido=str(i),
            consumidor_email=consumidor.email,
            hechos="x",
            objeto="y",
            lugar="CABA",
            metodo_designacion="a",
        )
        ReclamoProveedor.objects.create(
            reclamo=reclamo,
            organizacion=org,
            identificador=org.identificador,
            razon_social=org.razon_social,
            domicilio_legal=org.domicilio_legal,
        )
        reclamos.append((reclamo, consumidor))
    return conciliador, usuario, inicios, reclamos


def tormenta(reclamos, inicios, hilos: int) -> tuple[float, int]:
    from django.db import connection

    from audiencias.services import turnos
    from conciliacion.errores import ErrorDeDominio

    cola = list(zip(reclamos, inicios, strict=True))
    cerrojo = threading.Lock()
    fallidos = [0]

    def trabajar():
        while True:
            with cerrojo:
                if not cola:
                    break
                (reclamo, consumidor), inicio = cola.pop()
            try:
                turnos.elegir_turno(reclamo, inicio=inicio, por=consumidor)
            except ErrorDeDominio:
                with cerrojo:
                    fallidos[0] += 1
        connection.close()

    comienzo = time.perf_counter()
    trabajadores = [threading.Thread(target=trabajar) for _ in range(hilos)]
    for t in trabajadores:
        t.start()
    for t in trabajadores:
        t.join()
    return time.perf_counter() - comienzo, fallidos[0]


def inserciones(conciliador, usuario, reclamos, inicios) -> float:
    from django.db import connection

    from audiencias.models import Audiencia

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audiencias_cedula, audiencias_audiencia RESTART IDENTITY CASCADE")
    filas = [
        Audiencia(
            reclamo=r,
            conciliador=conciliador,
            inicio=i,
            duracion_minutos=10,
            modalidad="presencial",
            fijada_por=usuario,
        )
        for (r, _c), i in zip(reclamos, inicios, strict=True)
    ]
    comienzo = time.perf_counter()
    Audiencia.objects.bulk_create(filas)
    return time.perf_counter() - comienzo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reclamos", type=int, default=200)
    parser.add_argument("--hilos", type=int, default=8)
    args = parser.parse_args()
    crear_base_si_falta(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from conciliacion.celery import app

    app.conf.task_always_eager = False
    app.conf.task_ignore_result = True
    conciliador, usuario, inicios, reclamos = preparar(args.reclamos)
    # The draw needs each claim's seed commitment, as admission makes it.
    from conciliadores.services.sorteo import comprometer_sorteo

    for reclamo, _c in reclamos:
        comprometer_sorteo(reclamo)
    print(f"{args.reclamos} reservas con {args.hilos} hilos…")
    total, fallidos = tormenta(reclamos, inicios, args.hilos)
    base = inserciones(conciliador, usuario, reclamos, inicios)
    por_reserva = total / args.reclamos * 1000
    print(
        f"Tormenta de reservas (elegir_turno): {total:.2f} s, {por_reserva:.1f} ms por reserva, "
        f"{fallidos} conflictos"
    )
    print(f"INSERT de las mismas audiencias:      {base * 1000:.1f} ms")
    print(
        f"Razón: {total / base:.0f}× (cada reserva además sortea, registra el acto, "
        "emite la cédula y encola avisos)"
    )


if __name__ == "__main__":
    main()
