"""Benchmark: "Elegir Turno" (method a) on PostgreSQL, in three parts.

1. One booking against a baseline transaction: each round times bookings through
   audiencias.services.turnos.elegir_turno (lock, direct re-check, draw, hearing, acts, cédula,
   notices) interleaved one by one with a baseline transaction that locks the conciliator row
   and inserts the same rows (the hearing, the cédula documents and cédulas, the notices) with no
   portal logic. Prints the median ratio of the rounds (each round: median booking / median
   baseline) and the baseline's median in ms. Target: ratio <= 5.
2. Bookings on distinct conciliators in 1 process against 4 processes (each process books its own
   conciliator's slots), interleaved, median of rounds. Target: 4 processes >= 1.6x the rate.
3. The storm: C concurrent clients (default 1,000) for 100 slots over 10 conciliators, served by
   P processes x T threads (each a database connection): exactly 100 hearings, the rest clean
   conflicts (TurnoTomado), 0 errors.

    .venv/bin/python benchmarks/reservas.py [--rondas 5] [--por-ronda 8] [--clientes 1000]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/conciliacion_bench (created and
migrated when missing); its hearings, slots and benchmark claims are replaced.
"""

import argparse
import datetime as dt
import multiprocessing
import os
import statistics
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

PERIODO = 20  # minutes between two slots of one conciliator; conciliator k starts at minute k
DURACION = 5
MAX_CONCILIADORES = 20


def _django():
    import django

    django.setup()
    from conciliacion.celery import app

    app.conf.task_always_eager = False
    app.conf.task_ignore_result = True


def preparar():
    """Empties the hearings and slots, archives earlier benchmark claims, and creates the
    provider, the legal texts and MAX_CONCILIADORES conciliators (none with slots yet)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE audiencias_cedula, audiencias_asistencia, audiencias_firma, "
            "audiencias_acuerdo, audiencias_audiencia, audiencias_turnopuntual "
            "RESTART IDENTITY CASCADE"
        )
    from conciliadores.models import Conciliador
    from cuentas.models import Organizacion, Usuario
    from normativa.models import TextoNormativo
    from reclamos.estados import Estado
    from reclamos.models import Reclamo

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
    Reclamo.objects.filter(numero__startswith="BENCH-").update(estado=Estado.ARCHIVADO)
    conciliadores = []
    for k in range(MAX_CONCILIADORES):
        usuario, _ = Usuario.objects.get_or_create(
            email=f"conciliador{k}@bench.example",
            defaults={"rol": "conciliador", "nombre": "Bench", "apellido": f"Conciliador {k}"},
        )
        conciliador, _ = Conciliador.objects.get_or_create(
            usuario=usuario,
            defaults={
                "matricula": f"BENCH-{k:02d}",
                "tipo": "a",
                "jurisdicciones": ["CABA"],
                "modalidades": ["presencial"],
                "domicilio_profesional": "Lavalle 1",
            },
        )
        conciliadores.append(conciliador)
    return org, conciliadores


def crear_reclamos(org, n: int, etiqueta: str) -> list[int]:
    """n method-a claims waiting for a slot, with the draw's commitment (as admission makes)."""
    from conciliadores.services.sorteo import comprometer_sorteo
    from cuentas.models import Usuario
    from reclamos.estados import Estado
    from reclamos.models import Reclamo, ReclamoProveedor

    consumidor, _ = Usuario.objects.get_or_create(
        email=f"consumidor-{etiqueta}@bench.example",
        defaults={"rol": "consumidor", "nombre": "C", "apellido": etiqueta},
    )
    marca = time.time_ns()
    ids = []
    for i in range(n):
        reclamo = Reclamo.objects.create(
            numero=f"BENCH-{marca}-{etiqueta}-{i}",
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
        comprometer_sorteo(reclamo)
        ids.append(reclamo.pk)
    return ids


def ventana(reclamo_id: int) -> tuple[dt.date, dt.date]:
    """The days on which this kind of claim can book within AR-07 today."""
    from django.utils import timezone

    from audiencias import anticipacion, disponibilidad
    from reclamos.models import Reclamo
    from reclamos.transiciones import hoy_en

    reclamo = Reclamo.objects.get(pk=reclamo_id)
    hoy = hoy_en(reclamo)
    desde = anticipacion.primera_fecha_de_audiencia(reclamo, hoy=hoy)
    hasta = min(
        disponibilidad.limite_ar07(reclamo, hoy=hoy),
        timezone.localdate() + dt.timedelta(days=disponibilidad.DIAS_OFRECIDOS - 1),
    )
    return desde, hasta


def publicar_turnos(conciliador, desde: dt.date, hasta: dt.date, cuantos: int, k: int):
    """`cuantos` one-off slots of conciliator number k, at minutes k, k+20, ... so that no two
    conciliators share a start time (each slot has exactly one conciliator free)."""
    from zoneinfo import ZoneInfo

    from audiencias.models import TurnoPuntual

    zona = ZoneInfo("America/Argentina/Buenos_Aires")
    inicios, dia = [], desde
    while len(inicios) < cuantos and dia <= hasta:
        if dia.weekday() < 5:
            base = dt.datetime.combine(dia, dt.time(9), tzinfo=zona)
            inicios += [base + dt.timedelta(minutes=k + m) for m in range(0, 8 * 60, PERIODO)]
        dia += dt.timedelta(days=1)
    if len(inicios) < cuantos:
        raise SystemExit(f"La ventana {desde}..{hasta} no alcanza para {cuantos} turnos.")
    inicios = inicios[:cuantos]
    TurnoPuntual.objects.bulk_create(
        TurnoPuntual(
            conciliador=conciliador,
            inicio=i,
            duracion_minutos=DURACION,
            modalidad="presencial",
            lugar="Lavalle 1",
            publicado_por=conciliador.usuario,
        )
        for i in inicios
    )
    return inicios


def reservar(reclamo_id: int, inicio) -> str:
    """One booking as the consumer: "ok", "conflicto" (clean TurnoTomado) or the error."""
    from audiencias.services import turnos
    from reclamos.models import Reclamo

    reclamo = Reclamo.objects.select_related("consumidor").get(pk=reclamo_id)
    try:
        turnos.elegir_turno(reclamo, inicio=inicio, por=reclamo.consumidor)
    except turnos.TurnoTomado:
        return "conflicto"
    return "ok"


# --- part 1: one booking against the baseline transaction ---------------------------------


def filas_de_una_reserva(audiencia_id: int) -> dict:
    from audiencias.models import Audiencia
    from notificaciones.models import Notificacion

    audiencia = Audiencia.objects.get(pk=audiencia_id)
    return {
        "cedulas": audiencia.cedulas.count(),
        "avisos": Notificacion.objects.filter(sujeto_id=audiencia.reclamo_id).count(),
    }


def transaccion_base(conciliador, reclamo, inicio, filas: dict, secuencia: list[int]):
    """Lock the slot's conciliator, insert the hearing, its cédulas (document + cédula) and
    the notices: the same rows a booking writes, without the portal's logic."""
    import secrets
    import uuid

    from django.db import transaction

    from audiencias.models import Audiencia, Cedula
    from conciliadores.models import Conciliador
    from documentos.models import Documento
    from notificaciones.models import Notificacion

    with transaction.atomic():
        Conciliador.objects.select_for_update().get(pk=conciliador.pk)
        audiencia = Audiencia.objects.create(
            reclamo=reclamo,
            conciliador=conciliador,
            orden=1,
            inicio=inicio,
            duracion_minutos=DURACION,
            modalidad="presencial",
            lugar="Lavalle 1",
            fijada_por_id=reclamo.consumidor_id,
            uid_ics=uuid.uuid4(),
        )
        proveedor = reclamo.proveedores.first()
        for _ in range(filas["cedulas"]):
            secuencia[0] += 1
            documento = Documento.objects.create(
                tipo="generico",
                anio=2099,
                numero=secuencia[0],
                titulo="Cédula",
                plantilla="audiencias/cedula",
                snapshot={"x": 1},
                codigo=secrets.token_urlsafe(12),
            )
            Cedula.objects.create(
                audiencia=audiencia,
                proveedor=proveedor,
                documento=documento,
                via=Cedula.Via.ELECTRONICA,
                domicilio="cedulas@bench.example",
            )
        for _ in range(filas["avisos"]):
            Notificacion.objects.create(
                email="aviso@bench.example",
                plantilla="audiencias/cedula",
                contexto={},
                asunto="Aviso",
                cuerpo="Aviso",
                message_id=f"<{uuid.uuid4().hex}@bench.example>",
            )


def costo_de_una_reserva(org, conciliadores, rondas: int, por_ronda: int):
    from audiencias.models import Audiencia
    from documentos.models import Documento
    from reclamos.models import Reclamo

    n = rondas * por_ronda + 1
    reservas = crear_reclamos(org, n, "costo")
    bases = crear_reclamos(org, rondas * por_ronda, "base")
    desde, hasta = ventana(reservas[0])
    conciliador, base = conciliadores[0], conciliadores[1]
    inicios = publicar_turnos(conciliador, desde, hasta, n, 0)
    inicios_base = [
        dt.datetime(2099, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=PERIODO * i)
        for i in range(rondas * por_ronda)
    ]
    # A first booking warms the caches (the VTIMEZONE, the sequences) and tells the row counts.
    assert reservar(reservas[0], inicios[0]) == "ok"
    filas = filas_de_una_reserva(Audiencia.objects.get(reclamo_id=reservas[0]).pk)
    secuencia = [
        Documento.objects.filter(anio=2099)
        .order_by("-numero")
        .values_list("numero", flat=True)
        .first()
        or 0
    ]
    razones, medianas_base, medianas_reserva = [], [], []
    i = 1
    for ronda in range(rondas):
        t_reserva, t_base = [], []
        for j in range(por_ronda):
            comienzo = time.perf_counter()
            resultado = reservar(reservas[i], inicios[i])
            t_reserva.append(time.perf_counter() - comienzo)
            assert resultado == "ok", resultado
            k = ronda * por_ronda + j
            reclamo = Reclamo.objects.get(pk=bases[k])
            comienzo = time.perf_counter()
            transaccion_base(base, reclamo, inicios_base[k], filas, secuencia)
            t_base.append(time.perf_counter() - comienzo)
            i += 1
        medianas_reserva.append(statistics.median(t_reserva))
        medianas_base.append(statistics.median(t_base))
        razones.append(medianas_reserva[-1] / medianas_base[-1])
        print(
            f"  ronda {ronda + 1}: reserva {medianas_reserva[-1] * 1000:.1f} ms, "
            f"base {medianas_base[-1] * 1000:.1f} ms, razón {razones[-1]:.2f}×"
        )
    return (
        filas,
        statistics.median(razones),
        statistics.median(medianas_base),
        statistics.median(medianas_reserva),
    )


# --- part 2: 1 process against 4, on distinct conciliators ---------------------------------


def _trabajador_de_tasa(trabajo, largada, salida):
    """Child process: books its own conciliator's slots one after another."""
    _django()
    from django.db import connection

    connection.ensure_connection()
    largada.wait()
    comienzo = time.perf_counter()
    resultados = [reservar(r, i) for r, i in trabajo]
    salida.put((time.perf_counter() - comienzo, resultados))
    connection.close()


def _correr_procesos(trabajos) -> tuple[float, list[str]]:
    contexto = multiprocessing.get_context("spawn")
    largada = contexto.Barrier(len(trabajos) + 1)
    salida = contexto.Queue()
    procesos = [
        contexto.Process(target=_trabajador_de_tasa, args=(t, largada, salida)) for t in trabajos
    ]
    for p in procesos:
        p.start()
    largada.wait()
    comienzo = time.perf_counter()
    datos = [salida.get(timeout=600) for _ in procesos]
    total = time.perf_counter() - comienzo
    for p in procesos:
        p.join()
    return total, [r for _t, rs in datos for r in rs]


def escalado(org, conciliadores, rondas: int, por_proceso: int, procesos: int = 4):
    propios = conciliadores[2 : 3 + procesos]  # one for the 1-process runs, one per process
    n = rondas * por_proceso
    por_conciliador = {}
    for k, conciliador in enumerate(propios, start=2):
        reclamos = crear_reclamos(org, n, f"escala{k}")
        desde, hasta = ventana(reclamos[0])
        inicios = publicar_turnos(conciliador, desde, hasta, n, k)
        por_conciliador[conciliador.pk] = list(zip(reclamos, inicios, strict=True))
    solo, varios = propios[0], propios[1:]
    razones = []
    for ronda in range(rondas):
        tramo = slice(ronda * por_proceso, (ronda + 1) * por_proceso)
        t1, r1 = _correr_procesos([por_conciliador[solo.pk][tramo]])
        tn, rn = _correr_procesos([por_conciliador[c.pk][tramo] for c in varios])
        if set(r1 + rn) != {"ok"}:
            raise SystemExit(f"reservas fallidas en el escalado: {sorted(set(r1 + rn))}")
        tasa1, tasan = len(r1) / t1, len(rn) / tn
        razones.append(tasan / tasa1)
        print(
            f"  ronda {ronda + 1}: 1 proceso {tasa1:.1f} reservas/s, {procesos} procesos "
            f"{tasan:.1f} reservas/s, {razones[-1]:.2f}×"
        )
    return statistics.median(razones)


# --- part 3: the storm ----------------------------------------------------------------------


def _trabajador_de_tormenta(trabajo, hilos, largada, salida):
    _django()
    from django.db import connection

    cola = list(trabajo)
    cerrojo = threading.Lock()
    resultados = []

    def atender():
        try:
            while True:
                with cerrojo:
                    if not cola:
                        break
                    reclamo_id, inicio = cola.pop(0)
                try:
                    resultado = reservar(reclamo_id, inicio)
                except Exception as error:  # counted: the storm must have none
                    resultado = f"error: {type(error).__name__}: {error}"
                with cerrojo:
                    resultados.append(resultado)
        finally:
            connection.close()

    largada.wait()
    trabajadores = [threading.Thread(target=atender) for _ in range(hilos)]
    for t in trabajadores:
        t.start()
    for t in trabajadores:
        t.join()
    salida.put(resultados)


def tormenta(org, conciliadores, clientes: int, procesos: int, hilos: int):
    from audiencias.models import Audiencia

    propios = conciliadores[MAX_CONCILIADORES - 10 :]
    reclamos = crear_reclamos(org, clientes, "tormenta")
    desde, hasta = ventana(reclamos[0])
    turnos = []
    for k, conciliador in enumerate(propios, start=MAX_CONCILIADORES - 10):
        turnos += publicar_turnos(conciliador, desde, hasta, 10, k)
    # Client i wants slot i // (clientes / 100): the ones racing for a slot start together.
    por_turno = max(1, clientes // len(turnos))
    pedidos = [(r, turnos[min(i // por_turno, len(turnos) - 1)]) for i, r in enumerate(reclamos)]
    contexto = multiprocessing.get_context("spawn")
    largada = contexto.Barrier(procesos + 1)
    salida = contexto.Queue()
    lotes = [pedidos[p::procesos] for p in range(procesos)]
    hijos = [
        contexto.Process(target=_trabajador_de_tormenta, args=(lote, hilos, largada, salida))
        for lote in lotes
    ]
    for h in hijos:
        h.start()
    largada.wait()
    comienzo = time.perf_counter()
    resultados = [r for _ in hijos for r in salida.get(timeout=1800)]
    total = time.perf_counter() - comienzo
    for h in hijos:
        h.join()
    inicios_fijados = list(
        Audiencia.objects.filter(
            estado=Audiencia.Estado.FIJADA, reclamo_id__in=reclamos
        ).values_list("inicio", flat=True)
    )
    errores = [r for r in resultados if r.startswith("error")]
    return {
        "segundos": total,
        "ok": resultados.count("ok"),
        "conflictos": resultados.count("conflicto"),
        "errores": errores,
        "audiencias": len(inicios_fijados),
        "turnos_distintos": len(set(inicios_fijados)),
        "turnos": len(turnos),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--por-ronda", type=int, default=8)
    parser.add_argument("--por-proceso", type=int, default=12)
    parser.add_argument("--procesos", type=int, default=4)
    parser.add_argument("--clientes", type=int, default=1000)
    parser.add_argument("--procesos-tormenta", type=int, default=4)
    parser.add_argument("--hilos", type=int, default=8, help="threads per storm process")
    parser.add_argument("--solo", choices=["costo", "escalado", "tormenta"])
    args = parser.parse_args()
    crear_base_si_falta(os.environ["DATABASE_URL"])
    _django()
    org, conciliadores = preparar()
    if args.solo in (None, "costo"):
        print(f"1. Una reserva contra una transacción base ({args.rondas} rondas intercaladas):")
        filas, razon, base, reserva = costo_de_una_reserva(
            org, conciliadores, args.rondas, args.por_ronda
        )
        print(
            f"   base (bloquea el turno e inserta audiencia, {filas['cedulas']} cédula(s) con su "
            f"documento y {filas['avisos']} avisos): {base * 1000:.1f} ms (mediana)"
        )
        print(
            f"   reserva: {reserva * 1000:.1f} ms (mediana); razón mediana {razon:.2f}× (meta ≤ 5×)"
        )
    if args.solo in (None, "escalado"):
        print(f"2. Reservas en conciliadores distintos: 1 proceso contra {args.procesos}:")
        razon = escalado(org, conciliadores, args.rondas, args.por_proceso, args.procesos)
        print(f"   razón mediana {razon:.2f}× (meta ≥ 1,6×)")
    if args.solo in (None, "tormenta"):
        print(
            f"3. Tormenta: {args.clientes} clientes por 100 turnos de 10 conciliadores "
            f"({args.procesos_tormenta} procesos × {args.hilos} conexiones):"
        )
        r = tormenta(org, conciliadores, args.clientes, args.procesos_tormenta, args.hilos)
        print(
            f"   {r['segundos']:.1f} s: {r['ok']} reservas, {r['conflictos']} conflictos limpios, "
            f"{len(r['errores'])} errores; {r['audiencias']} audiencias fijadas en "
            f"{r['turnos_distintos']} de {r['turnos']} turnos"
        )
        for error in r["errores"][:5]:
            print(f"   {error}")
        if r["errores"] or r["audiencias"] != r["turnos"] or r["turnos_distintos"] != r["turnos"]:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
