"""Fixtures of fees and fines.

Two ways to reach an ending: the real hearing services on the method-a claim of the hearings'
fixtures (for fines, where the cédula's service and AR-11 matter), and claims built directly in
the state before a closing act, with a designation and a held hearing as rows (for the fee of
every method × ending), then closed through `transicionar` so the hooks run as in production.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from audiencias.models import Asistencia, Audiencia
from audiencias.services import audiencia as servicio_audiencia
from conciliadores.models import Designacion, DocumentoAutonomo
from cuentas.roles import Rol
from honorarios.services.multas import CLAVE_PAGO
from normativa.models import ArancelHonorarios, TextoNormativo, ValorReferencia
from plazos import barrido
from reclamos.estados import Estado
from reclamos.transiciones import transicionar
from tests.audiencias.conftest import (  # noqa: F401  (fixtures)
    BA,
    ahora,
    conciliadores_con_horario,
    en_la_audiencia,
    espera_turno,
    fijada,
    media_privada,
    textos_art_10,
)
from tests.conciliadores.conftest import crear_conciliador
from tests.conftest import crear_usuario
from tests.fechas import fecha_en
from tests.reclamos.factories import reclamo_en

# The hearing of the `fijada` fixture: Tuesday 10/3/2026 09:00 in Buenos Aires. AR-11 (5
# business days) runs until Tuesday 17/3; the sweeper expires it on Wednesday 18/3.
DIA_AUDIENCIA = dt.date(2026, 3, 10)
DESPUES_DE_AR11 = dt.datetime(2026, 3, 18, 12, tzinfo=dt.UTC)


def quien(audiencia):
    return audiencia.conciliador.usuario


def asistencia(audiencia, *, consumidor=True, proveedor=True):
    por = quien(audiencia)
    servicio_audiencia.registrar_asistencia(
        audiencia,
        por=por,
        parte="consumidor",
        comparecio=consumidor,
        nombre="Lucía Fernández" if consumidor else "",
        caracter="personal",
        modo="presencial",
    )
    servicio_audiencia.registrar_asistencia(
        audiencia,
        por=por,
        parte="proveedor",
        proveedor=audiencia.reclamo.proveedores.get(),
        comparecio=proveedor,
        nombre="Martín Gómez" if proveedor else "",
        caracter="representante_legal" if proveedor else "",
        modo="presencial",
    )


def ausencia_del_proveedor(audiencia):
    """The provider, validly summoned, did not come: AR-11 opens."""
    asistencia(audiencia, proveedor=False)
    servicio_audiencia.registrar_resultado(
        audiencia, por=quien(audiencia), resultado="incomparecencia_proveedor"
    )
    audiencia.reclamo.refresh_from_db()
    return audiencia.reclamo


def vencer_ar11(time_machine):
    """Moves past AR-11 and runs the sweeper: the claim closes for non-appearance (T25)."""
    time_machine.move_to(DESPUES_DE_AR11, tick=False)
    barrido.vencer_plazos()


@pytest.fixture
def cerrado_por_incomparecencia(en_la_audiencia, time_machine):  # noqa: F811
    reclamo = ausencia_del_proveedor(en_la_audiencia)
    vencer_ar11(time_machine)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    return reclamo


@pytest.fixture
def arancel(db):
    """UR $ 20.000 and a schedule (3 UR basic; full 5 UR up to $ 100.000, 8 UR above)."""
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 1, 1), valor=Decimal("20000"), fuente="prueba"
    )
    return ArancelHonorarios.objects.create(
        vigente_desde=dt.date(2026, 1, 1),
        unidades_basico=Decimal("3"),
        bandas_total=[{"hasta": "100000.00", "unidades": "5.00"}, {"hasta": None, "unidades": "8"}],
        fuente="prueba",
    )


@pytest.fixture
def smvm(db):
    """Two SMVM values: the one in force at the hearing (10/3) and a later one."""
    for desde, valor in ((dt.date(2026, 1, 1), "330000"), (dt.date(2026, 4, 1), "350000")):
        ValorReferencia.objects.create(
            tipo="SMVM", vigente_desde=desde, valor=Decimal(valor), fuente="prueba"
        )


@pytest.fixture
def instrucciones_pago(db):
    return TextoNormativo.objects.create(
        clave=CLAVE_PAGO,
        vigente_desde=dt.date(2026, 1, 1),
        titulo="Instrucciones de pago",
        texto="Depositar en la cuenta 123-456 dentro de los 10 días hábiles.",
        fuente="prueba",
    )


@pytest.fixture
def valores_de_multa(smvm, instrucciones_pago):
    return None


# --- claims built directly before their closing act ---------------------------------------------
DESDE_PARA = {
    "homologar": Estado.EN_HOMOLOGACION,
    "cerrar_sin_acuerdo": Estado.EN_CONCILIACION,
    "cerrar_por_incomparecencia": Estado.INCOMPARECENCIA_PROVEEDOR,
    "cerrar_por_denegacion": Estado.HOMOLOGACION_DENEGADA,
    "registrar_incomparecencia_consumidor": Estado.EN_CONCILIACION,
    "desistir": Estado.EN_CONCILIACION,
    "cerrar_por_tope": Estado.EN_CONCILIACION,
}


@pytest.fixture
def cerrar(consumidora, proveedor_activo, agente_admision, homologador, time_machine):
    """cerrar(metodo, accion, pacto="", tipo_conciliador="a", monto=...) → the closed claim."""
    time_machine.move_to(dt.datetime(2026, 3, 20, 15, tzinfo=dt.UTC), tick=False)
    contador = iter(range(1, 1000))

    def _cerrar(metodo, accion, *, pacto=None, tipo_conciliador="a", monto=Decimal("150000")):
        n = next(contador)
        conciliador = crear_conciliador(f"H-{n:04d}", tipo=tipo_conciliador)
        reclamo = reclamo_en(
            DESDE_PARA[accion],
            consumidor=consumidora,
            organizacion=proveedor_activo,
            metodo_designacion=metodo,
        )
        if monto != reclamo.monto:
            type(reclamo).objects.filter(pk=reclamo.pk).update(monto=monto)
            reclamo.monto = monto
        Designacion.objects.create(
            reclamo=reclamo,
            conciliador=conciliador,
            metodo=metodo,
            notificado_el=dt.date(2026, 3, 2),
        )
        if pacto is not None:
            DocumentoAutonomo.objects.create(
                reclamo=reclamo,
                archivo=_archivo(consumidora, reclamo),
                conciliador=conciliador,
                fecha_documento=dt.date(2026, 3, 1),
                honorario_basico=pacto,
                subido_por=consumidora,
                estado=DocumentoAutonomo.Estado.APROBADO,
            )
        audiencia = Audiencia.objects.create(
            reclamo=reclamo,
            conciliador=conciliador,
            inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA),
            modalidad="presencial",
            estado=Audiencia.Estado.CELEBRADA,
            resultado="sin_acuerdo",
            fijada_por=conciliador.usuario,
            celebrada_en=timezone.now(),
        )
        Asistencia.objects.create(audiencia=audiencia, parte="consumidor", comparecio=True)
        por = {
            "homologar": homologador,
            "cerrar_por_denegacion": None,
            "desistir": consumidora,
            "cerrar_por_tope": agente_admision,
        }.get(accion, conciliador.usuario)
        transicionar(reclamo, accion, por=por)
        reclamo.refresh_from_db()
        return reclamo

    return _cerrar


def _archivo(usuario, reclamo):
    from documentos.services import guardar_subida
    from tests.documentos.muestras import pdf_en_blanco, subido

    return guardar_subida(
        subido("documento.pdf", pdf_en_blanco(), "application/pdf"),
        por=usuario,
        sujeto=reclamo,
        categoria="documento_autonomo",
    )


@pytest.fixture
def agente_registro_activo(db):
    return crear_usuario("registro@autoridad.example", Rol.REGISTRO, mfa=True)


def multa_lista_para_certificar(*, conciliador_usuario, consumidora, organizacion, momento=None):
    """A method-a claim closed for the provider's non-appearance two weeks ago, built as rows
    (for the browser, which runs on the real clock): the designation, the missed hearing with
    its attendance, the electronic cédula served in time, the acta de incomparecencia, the
    expired AR-11 and the closing act."""
    from audiencias.models import Cedula
    from documentos.services import emitir_documento
    from plazos.models import Plazo
    from plazos.services import abrir_plazo
    from reclamos.expediente import _registrar

    momento = momento or timezone.now()
    conciliador = crear_conciliador(usuario=conciliador_usuario)
    reclamo = reclamo_en(
        Estado.CERRADO_SIN_ACUERDO, consumidor=consumidora, organizacion=organizacion
    )
    proveedor = reclamo.proveedores.get()
    Designacion.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        metodo="a",
        notificado_el=fecha_en(momento - dt.timedelta(days=30)),
    )
    inicio = (
        (momento - dt.timedelta(days=14))
        .astimezone(BA)
        .replace(hour=10, minute=0, second=0, microsecond=0)
    )
    audiencia = Audiencia.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        inicio=inicio,
        modalidad="presencial",
        lugar="Av. Julio A. Roca 651, CABA",
        estado=Audiencia.Estado.CELEBRADA,
        resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR,
        fijada_por=conciliador_usuario,
        celebrada_en=inicio,
    )
    Asistencia.objects.create(
        audiencia=audiencia, parte="consumidor", comparecio=True, nombre="Lucía Fernández"
    )
    Asistencia.objects.create(
        audiencia=audiencia, parte="proveedor", proveedor=proveedor, comparecio=False
    )

    def _documento(tipo, titulo):
        return emitir_documento(
            tipo=tipo,
            plantilla="generico",
            snapshot={"reclamo_numero": reclamo.numero, "texto": titulo},
            por=conciliador_usuario,
            sujeto=reclamo,
            titulo=titulo,
        )

    Cedula.objects.create(
        audiencia=audiencia,
        proveedor=proveedor,
        documento=_documento("cedula", f"Cédula a {proveedor.razon_social}"),
        via=Cedula.Via.ELECTRONICA,
        domicilio="cedulas@telefonia.example",
        notificada_el=(inicio - dt.timedelta(days=7)).date(),
        medio="Domicilio electrónico registrado",
        en_termino=True,
    )
    _documento("acta_incomparecencia", f"Acta de incomparecencia — reclamo {reclamo.numero}")
    ar11 = abrir_plazo(sujeto=reclamo, tipo="AR-11", desde=inicio.date(), regimen="COPREC")
    Plazo.objects.filter(pk=ar11.pk).update(estado=Plazo.Estado.VENCIDO)
    _registrar(
        reclamo,
        "reclamo.cerrado_incomparecencia",
        por=None,
        texto="Cerrado sin acuerdo por incomparecencia del proveedor",
        datos={"plazo": "AR-11"},
        desde=Estado.INCOMPARECENCIA_PROVEEDOR,
        hacia=Estado.CERRADO_SIN_ACUERDO,
    )
    return reclamo
