"""sembrar_escala (issue 13): the mix of claims it writes, the consistency of what it writes with
the models and the transition tables, and its refusal to seed over real data."""

import itertools
from collections import Counter

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.db.models import Count

from audiencias.models import Audiencia
from cuentas.models import ClaveApi, Organizacion, Usuario
from escala.sembrado import PERSONAS
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.estados import tablas as tablas_de_regimenes
from reclamos.models import Actuacion, ContadorNumeracion, Mediacion, Reclamo, ReclamoProveedor
from reclamos.numeracion import siguiente_numero

N = 400


@pytest.fixture
def sembrada(db):
    call_command("sembrar_escala", reclamos=N, semilla=7, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_mezcla_de_regimenes_estados_y_proveedores(sembrada):
    assert Reclamo.objects.count() == N
    por_regimen = Counter(Reclamo.objects.values_list("regimen_codigo", flat=True))
    assert 0.1 * N <= por_regimen["PE-INDECOPI"] <= 0.3 * N
    estados = set(Reclamo.objects.values_list("estado", flat=True))
    # States across the whole life cycle of both régimes.
    for estado in (
        Estado.BORRADOR,
        Estado.EN_ADMISION,
        Estado.AUDIENCIA_FIJADA,
        Estado.CERRADO_SIN_ACUERDO,
        Estado.ARCHIVADO,
        Estado.EN_MEDIACION,
        Estado.CONCLUIDO,
    ):
        assert estado in estados, estado
    assert len(estados) >= 18
    # One provider holds about a quarter of the claims of each régimen.
    grandes = (
        ReclamoProveedor.objects.values("organizacion")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("n", flat=True)
    )
    assert sum(list(grandes)[:2]) >= 0.18 * N
    # About 10 % of (non-persona) consumers filed several claims.
    personas = [email for email, _rol in PERSONAS.values()]
    por_consumidor = Counter(
        Reclamo.objects.exclude(consumidor__email__in=personas).values_list("consumidor", flat=True)
    )
    varios = sum(1 for n in por_consumidor.values() if n > 1)
    assert 0.04 <= varios / len(por_consumidor) <= 0.2
    # Drafts have no number; every filed claim has a unique one.
    assert not Reclamo.objects.filter(estado=Estado.BORRADOR, numero__isnull=False).exists()
    assert not Reclamo.objects.exclude(estado=Estado.BORRADOR).filter(numero=None).exists()


def test_expediente_y_plazos_coinciden_con_el_estado(sembrada):
    tablas = tablas_de_regimenes()
    actuaciones: dict[int, list] = {}
    for fila in Actuacion.objects.order_by("reclamo_id", "en", "pk").values_list(
        "reclamo_id", "estado_desde", "estado_hacia", "codigo"
    ):
        actuaciones.setdefault(fila[0], []).append(fila[1:])
    for reclamo in Reclamo.objects.exclude(estado=Estado.BORRADOR):
        cadena = actuaciones[reclamo.pk]
        assert cadena[0][0] == Estado.BORRADOR
        for (_d, hacia, _c), (desde, _h, _c2) in itertools.pairwise(cadena):
            assert desde == hacia, reclamo.numero
        assert cadena[-1][1] == reclamo.estado
        codigos = {t.actuacion for t in tablas[reclamo.regimen_codigo].values()}
        assert {c for _d, _h, c in cadena} <= codigos
    # Plazos: running, met, expired; an open one for every claim waiting on a term.
    estados_plazo = set(Plazo.objects.values_list("estado", flat=True))
    assert {Plazo.Estado.CORRIENDO, Plazo.Estado.CUMPLIDO} <= estados_plazo
    assert estados_plazo & {Plazo.Estado.VENCIDO, Plazo.Estado.CANCELADO}
    for reclamo in Reclamo.objects.filter(estado=Estado.REQUERIMIENTO):
        assert Plazo.objects.filter(
            object_id=reclamo.pk, tipo="AR-01", estado__in=["corriendo", "vencido"]
        ).exists()
    corriendo = Plazo.objects.filter(estado=Plazo.Estado.CORRIENDO)
    assert all(p.vence_en > p.abierto_en for p in corriendo)
    # A claim waiting for its hearing has exactly one pending hearing, in the future.
    for reclamo in Reclamo.objects.filter(estado=Estado.AUDIENCIA_FIJADA):
        fijadas = Audiencia.objects.filter(reclamo=reclamo, estado="fijada")
        assert fijadas.count() == 1
        assert fijadas.get().conciliador_id is not None
    assert Mediacion.objects.count() == (
        Reclamo.objects.filter(regimen_codigo="PE-INDECOPI").exclude(estado="BORRADOR").count()
    )


def test_cuentas_del_benchmark_y_numeracion_que_sigue(sembrada):
    for email, rol in PERSONAS.values():
        usuario = Usuario.objects.get(email=email)
        assert usuario.rol == rol
        assert usuario.check_password("clave-de-escala-123")
        if usuario.requiere_mfa:
            assert Authenticator.objects.filter(user=usuario).exists()
    consumidora = Usuario.objects.get(email=PERSONAS["consumidora"][0])
    assert consumidora.reclamos.count() >= 2
    proveedor = Usuario.objects.get(email=PERSONAS["proveedor"][0])
    organizacion = Organizacion.objects.get(membresias__usuario=proveedor)
    assert ClaveApi.objects.filter(organizacion=organizacion).exists()
    assert ReclamoProveedor.objects.filter(organizacion=organizacion).count() >= 0.15 * N * 0.8
    # Filing after the seed never reuses a seeded number.
    contador = ContadorNumeracion.objects.filter(prefijo="COPREC").order_by("-anio").first()
    nuevo = siguiente_numero(prefijo="COPREC", anio=contador.anio)
    assert not Reclamo.objects.filter(numero=nuevo).exists()


def test_se_puede_sembrar_de_nuevo_sobre_lo_sembrado(sembrada):
    call_command("sembrar_escala", reclamos=50, semilla=8, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Reclamo.objects.count() == N + 50
    numeros = list(Reclamo.objects.exclude(numero=None).values_list("numero", flat=True))
    assert len(numeros) == len(set(numeros))


def test_se_niega_con_datos_que_no_sembro(consumidora):
    with pytest.raises(CommandError, match="no se siembra sobre datos reales"):
        call_command("sembrar_escala", reclamos=10)
    assert Reclamo.objects.count() == 0
    assert Usuario.objects.count() == 1
