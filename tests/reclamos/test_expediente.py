"""The expediente is append-only and every state change goes through transicionar()."""

import datetime

import pytest
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from cuentas.roles import ROLES_CON_MFA, Rol
from reclamos import expediente
from reclamos.estados import SISTEMA, Estado, tablas
from reclamos.models import Actuacion, Reclamo
from reclamos.numeracion import siguiente_numero
from reclamos.transiciones import registrar_hook, transicionar
from tests.conftest import crear_usuario
from tests.reclamos.factories import reclamo_en

TABLAS = tablas()

pytestmark = pytest.mark.django_db


@pytest.fixture
def actuacion(consumidora):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    return expediente.borrador_creado(reclamo, por=consumidora)


def test_una_actuacion_no_se_puede_modificar(actuacion):
    actuacion.texto = "otra cosa"
    with pytest.raises(PermissionError):
        actuacion.save()
    with pytest.raises(PermissionError):
        Actuacion.objects.filter(pk=actuacion.pk).update(texto="otra cosa")
    assert Actuacion.objects.get(pk=actuacion.pk).texto == "Borrador iniciado"


def test_una_actuacion_no_se_puede_borrar(actuacion):
    with pytest.raises(PermissionError):
        actuacion.delete()
    with pytest.raises(PermissionError):
        Actuacion.objects.all().delete()
    assert Actuacion.objects.filter(pk=actuacion.pk).exists()


def test_el_admin_no_permite_editar_ni_borrar_actuaciones(client, administrador, actuacion):
    client.force_login(administrador)
    admin_client = client
    respuesta = admin_client.get(f"/admin/reclamos/actuacion/{actuacion.pk}/change/")
    assert respuesta.status_code == 200
    assert b'name="_save"' not in respuesta.content
    assert admin_client.get(f"/admin/reclamos/actuacion/{actuacion.pk}/delete/").status_code == 403


def _actor(rol):
    if rol == SISTEMA:
        return None
    return crear_usuario(f"{rol}@walk.example", rol, mfa=rol in ROLES_CON_MFA)


def _un_rol(fila):
    return sorted(fila.roles, key=lambda r: (r == SISTEMA, r))[0]


def _dato_valido(campo):
    """Typed fields get a value their hook can use (a hearing's start is parsed as a datetime)."""
    if campo == "inicio":
        return (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0).isoformat()
    return "dato de prueba"


CASOS = [
    (regimen, accion, estado)
    for regimen, tabla in TABLAS.items()
    for accion in tabla
    for estado in Estado.values
]


@pytest.mark.parametrize("regimen,accion,estado", CASOS)
def test_cada_fila_de_la_tabla_se_aplica_solo_desde_sus_estados(
    consumidora, regimen, accion, estado
):
    fila = TABLAS[regimen][accion]
    # The number is given up front: filing numbers the claim before its transition.
    reclamo = reclamo_en(estado, consumidor=consumidora, regimen=regimen, numero="W-2026-000001")
    por = _actor(_un_rol(fila))
    datos = {campo: _dato_valido(campo) for campo in fila.datos_obligatorios}
    if estado in fila.desde:
        transicionar(reclamo, accion, por=por, datos=datos)
        reclamo.refresh_from_db()
        assert reclamo.estado == fila.hacia
        # Downstream hooks may append their own acts after the transition's (conciliadores
        # records the draw commitment on admitir), so look the row's act up by its code.
        ultima = reclamo.actuaciones.filter(codigo=fila.actuacion).last()
        assert (ultima.codigo, ultima.estado_desde, ultima.estado_hacia) == (
            fila.actuacion,
            estado,
            fila.hacia,
        )
        assert ultima.fuente == fila.fuente
    else:
        with pytest.raises(ConflictoDeEstado):
            transicionar(reclamo, accion, por=por, datos=datos)
        reclamo.refresh_from_db()
        assert reclamo.estado == estado
        assert not reclamo.actuaciones.exists()


def test_un_rol_que_no_figura_en_la_fila_es_rechazado(consumidora):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    with pytest.raises(AccesoDenegado):
        transicionar(reclamo, "admitir", por=consumidora)
    assert Reclamo.objects.get(pk=reclamo.pk).estado == Estado.EN_ADMISION


def test_compare_and_swap_detecta_que_otro_llego_primero(consumidora, agente_admision):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    copia_vieja = Reclamo.objects.get(pk=reclamo.pk)
    transicionar(reclamo, "admitir", por=agente_admision)
    with pytest.raises(ConflictoDeEstado):
        transicionar(
            copia_vieja, "requerir", por=agente_admision, datos={"requerimiento": "Factura"}
        )
    assert Reclamo.objects.get(pk=reclamo.pk).estado == Estado.ADMITIDO


def test_los_hooks_corren_dentro_de_la_transaccion_del_acto(consumidora, agente_admision):
    vistos = []

    def gancho(reclamo, *, transicion, por, datos):
        vistos.append((reclamo.estado, transicion.hacia, por))

    registrar_hook("admitir", gancho)
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    transicionar(reclamo, "admitir", por=agente_admision)
    assert vistos == [(Estado.ADMITIDO, Estado.ADMITIDO, agente_admision)]


def test_numeracion_consecutiva_por_prefijo_y_anio():
    assert siguiente_numero(prefijo="COPREC", anio=2026) == "COPREC-2026-000001"
    assert siguiente_numero(prefijo="COPREC", anio=2026) == "COPREC-2026-000002"
    assert siguiente_numero(prefijo="COPREC", anio=2027) == "COPREC-2027-000001"
    assert siguiente_numero(prefijo="INDECOPI", anio=2026) == "INDECOPI-2026-000001"


def test_roles_con_mfa_incluye_a_quien_opera_transiciones_de_personal():
    # Guard: every staff role named in a table is one that must use MFA.
    roles = {r for t in TABLAS.values() for f in t.values() for r in f.roles}
    assert roles - {SISTEMA, Rol.CONSUMIDOR, Rol.REPRESENTANTE} <= ROLES_CON_MFA
