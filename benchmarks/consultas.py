"""Quick check of the claim lists at a few tens of thousands of claims (issue 13, parts 2-3).

Seeds N claims with bulk inserts into the configured (PostgreSQL) database, then times the
admission queue, "Mis reclamos", the claim detail and the API lists against /healthz served by
the same stack in the same run (interleaved, median of rounds), and prints EXPLAIN of the
queue's query. Not the full-scale benchmark (benchmarks/escala.py, another issue's part).

    .venv/bin/python benchmarks/consultas.py --reclamos 20000 [--rondas 7] [--explain]

(DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/conciliacion_bench_consultas,
which must exist: createdb -h 127.0.0.1 -U postgres conciliacion_bench_consultas.)

Refuses to seed a database that already holds claims not seeded by it.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
# Its own database by default: it seeds and leaves the rows there for the next run.
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/conciliacion_bench_consultas"
)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from cuentas.models import Membresia, Organizacion, Usuario  # noqa: E402
from normativa.regimenes import Papel  # noqa: E402
from normativa.regimenes.coprec import COPREC  # noqa: E402
from plazos.models import Plazo  # noqa: E402
from reclamos.estados import Estado  # noqa: E402
from reclamos.models import Actuacion, Reclamo, ReclamoProveedor  # noqa: E402

PREFIJO = "BENCH-"
ESTADOS = [
    (Estado.EN_ADMISION, 5),
    (Estado.REQUERIMIENTO, 2),
    (Estado.INADMITIDO_FIRME, 5),
    (Estado.AUDIENCIA_FIJADA, 10),
    (Estado.EN_CONCILIACION, 8),
    (Estado.HOMOLOGADO, 30),
    (Estado.CERRADO_SIN_ACUERDO, 30),
    (Estado.DESISTIDO, 10),
]
CITADOS = {
    Estado.AUDIENCIA_FIJADA,
    Estado.EN_CONCILIACION,
    Estado.HOMOLOGADO,
    Estado.CERRADO_SIN_ACUERDO,
}


def _usuario(email, rol, **extra):
    from tests.conftest import crear_usuario

    return Usuario.objects.filter(email=email).first() or crear_usuario(email, rol, **extra)


def sembrar(n: int, semilla: int = 13) -> None:
    if Reclamo.objects.exclude(numero__startswith=PREFIJO).exclude(numero=None).exists():
        sys.exit("La base tiene reclamos reales: no siembro sobre ellos.")
    ya = Reclamo.objects.count()
    if ya >= n:
        return
    rnd = random.Random(semilla)
    consumidora = _usuario("bench-consumidora@example.com", "consumidor")
    otros = [_usuario(f"bench-c{i}@example.com", "consumidor") for i in range(50)]
    grande = Organizacion.objects.filter(identificador="30500000005").first()
    if grande is None:
        grande = Organizacion.objects.create(
            tipo="proveedor",
            tipo_identificador="CUIT",
            identificador="30500000005",
            razon_social="Telefónica Grande S.A.",
            estado=Organizacion.Estado.ACTIVA,
        )
    representante = _usuario("bench-proveedor@example.com", "representante")
    Membresia.objects.get_or_create(
        usuario=representante, organizacion=grande, defaults={"es_administrador": True}
    )
    _usuario("bench-admision@example.com", "admision", mfa=True)
    ct = ContentType.objects.get_for_model(Reclamo)
    ahora = timezone.now()
    pesos = [p for _, p in ESTADOS]
    lote = 5000
    for inicio in range(ya, n, lote):
        with transaction.atomic():
            reclamos = []
            for i in range(inicio, min(n, inicio + lote)):
                estado = rnd.choices([e for e, _ in ESTADOS], pesos)[0]
                presentado = ahora - timezone.timedelta(minutes=rnd.randint(60, 60 * 24 * 400))
                consumidor = consumidora if i % 400 == 0 else rnd.choice(otros)
                reclamos.append(
                    Reclamo(
                        numero=f"{PREFIJO}{i:07d}",
                        estado=estado,
                        consumidor=consumidor,
                        consumidor_nombre="Nombre",
                        consumidor_apellido=f"Apellido{i % 997}",
                        consumidor_dni=f"{20000000 + i}",
                        hechos="Hechos",
                        objeto="Objeto",
                        lugar="CABA",
                        metodo_designacion="a",
                        creado_en=presentado,
                        presentado_en=presentado,
                    )
                )
            reclamos = Reclamo.objects.bulk_create(reclamos)
            proveedores, plazos, actuaciones = [], [], []
            for r in reclamos:
                suyo = rnd.random() < 0.25
                proveedores.append(
                    ReclamoProveedor(
                        reclamo=r,
                        organizacion=grande if suyo else None,
                        identificador="30500000005" if suyo else f"30{r.pk:09d}",
                        razon_social="Telefónica Grande S.A." if suyo else f"Empresa {r.pk}",
                        domicilio_legal="Calle 1",
                        **({"citado_en": r.presentado_en} if _con_citacion(r) else {}),
                    )
                )
                actuaciones.append(
                    Actuacion(reclamo=r, codigo="reclamo.presentado", en=r.presentado_en, texto=".")
                )
                if r.estado not in {Estado.EN_ADMISION, Estado.REQUERIMIENTO}:
                    actuaciones.append(
                        Actuacion(
                            reclamo=r,
                            codigo="reclamo.admitido"
                            if r.estado != Estado.INADMITIDO_FIRME
                            else "reclamo.inadmitido",
                            en=r.presentado_en + timezone.timedelta(days=rnd.randint(1, 15)),
                            texto=".",
                        )
                    )
                if r.estado == Estado.REQUERIMIENTO:
                    hoy = r.presentado_en.date()
                    plazos.append(
                        Plazo(
                            content_type=ct,
                            object_id=r.pk,
                            tipo=COPREC.codigo_de(Papel.ACREDITACION),
                            inicio=hoy,
                            cantidad=10,
                            unidad="habiles",
                            vence=hoy + timezone.timedelta(days=14),
                            vence_en=r.presentado_en + timezone.timedelta(days=14),
                            estado=rnd.choice(["vencido", "corriendo"]),
                            regimen=COPREC.codigo,
                            calendario="AR",
                            version_calendario="bench",
                        )
                    )
            ReclamoProveedor.objects.bulk_create(proveedores)
            Actuacion.objects.bulk_create(actuaciones)
            Plazo.objects.bulk_create(plazos)
        print(f"  sembrados {min(n, inicio + lote)}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _con_citacion(reclamo) -> bool:
    return "citado_en" in {f.name for f in ReclamoProveedor._meta.fields} and (
        reclamo.estado in CITADOS
    )


def _cliente(email):
    cliente = Client(HTTP_HOST="127.0.0.1")
    cliente.force_login(Usuario.objects.get(email=email))
    return cliente


def medir(rondas: int, explain: bool) -> None:
    admision = _cliente("bench-admision@example.com")
    consumidora = _cliente("bench-consumidora@example.com")
    proveedor = _cliente("bench-proveedor@example.com")
    detalle = (
        Reclamo.objects.filter(consumidor__email="bench-consumidora@example.com")
        .order_by("pk")
        .first()
    )
    paginas = {
        "base /healthz": (admision, "/healthz"),
        "cola de admisión": (admision, "/panel/admision/"),
        "API lista, personal": (admision, "/api/v1/reclamos/"),
        "API lista, proveedor": (proveedor, "/api/v1/reclamos/"),
        "Mis reclamos (consumidora)": (consumidora, "/reclamos/"),
        "Reclamos del proveedor": (proveedor, "/reclamos/"),
        "detalle del reclamo": (consumidora, f"/reclamos/{detalle.pk}/"),
    }
    tiempos = {nombre: [] for nombre in paginas}
    for _ in range(rondas):
        for nombre, (cliente, url) in paginas.items():
            t0 = time.perf_counter()
            respuesta = cliente.get(url)
            tiempos[nombre].append(time.perf_counter() - t0)
            assert respuesta.status_code == 200, (nombre, respuesta.status_code)
    base = statistics.median(tiempos["base /healthz"])
    print(f"{'página':32} {'p50 ms':>9} {'× base':>8}")
    for nombre, valores in tiempos.items():
        p50 = statistics.median(valores)
        print(f"{nombre:32} {p50 * 1000:9.1f} {p50 / base:8.1f}")
    if explain:
        from reclamos.selectors import cola_admision

        usuario = Usuario.objects.get(email="bench-admision@example.com")
        qs = cola_admision(usuario)
        print(qs[:51].explain(analyze=True))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reclamos", type=int, default=20000)
    parser.add_argument("--rondas", type=int, default=7)
    parser.add_argument("--explain", action="store_true")
    argumentos = parser.parse_args()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        sys.exit("Definí DATABASE_URL=postgres://... (una base propia para medir).")
    sembrar(argumentos.reclamos)
    medir(argumentos.rondas, argumentos.explain)


if __name__ == "__main__":
    main()
