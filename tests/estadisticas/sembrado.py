"""Claims with a known history for the figures' tests: filed through the factory, admitted
through the real service, later acts written as the expediente records them (with their dates),
hearings as the hearing service leaves them (celebrada + resultado)."""

from __future__ import annotations

import datetime as dt

from audiencias.models import Audiencia
from cuentas.models import Organizacion
from reclamos.estados import Estado as E
from reclamos.models import Actuacion, ReclamoProveedor
from reclamos.services import admision
from tests.reclamos.factories import reclamo_en

PRESENTACION = dt.datetime(2026, 3, 4, 13, tzinfo=dt.UTC)  # Wednesday 4/3, 10:00 in Buenos Aires


def organizacion(identificador: str, nombre: str) -> Organizacion:
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador="CUIT",
        identificador=identificador,
        razon_social=nombre,
        domicilio_legal="Calle 1, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )


def acto(reclamo, hacia: str, dias: float, desde: str = "") -> None:
    Actuacion.objects.create(
        reclamo=reclamo,
        codigo="prueba.estado",
        en=reclamo.presentado_en + dt.timedelta(days=dias),
        estado_desde=desde,
        estado_hacia=hacia,
        texto=f"Pasa a {hacia}",
    )
    type(reclamo).objects.filter(pk=reclamo.pk).update(estado=hacia)


def audiencia(reclamo, dias: float, resultado: str, *, por) -> None:
    Audiencia.objects.create(
        reclamo=reclamo,
        funcionario=por,
        inicio=reclamo.presentado_en + dt.timedelta(days=dias),
        modalidad="video",
        estado=Audiencia.Estado.CELEBRADA,
        resultado=resultado,
        fijada_por=por,
        celebrada_en=reclamo.presentado_en + dt.timedelta(days=dias),
    )


def reclamo(organizaciones, *, consumidor, time_machine, cuando=PRESENTACION, **extra):
    time_machine.move_to(cuando, tick=False)
    primero, *resto = organizaciones
    r = reclamo_en(E.EN_ADMISION, consumidor=consumidor, organizacion=primero, **extra)
    for org in resto:
        ReclamoProveedor.objects.create(
            reclamo=r,
            organizacion=org,
            tipo_identificador=org.tipo_identificador,
            identificador=org.identificador,
            razon_social=org.razon_social,
            domicilio_legal=org.domicilio_legal,
        )
    return r


def admitir(r, *, por, time_machine, dias: float = 2) -> None:
    time_machine.move_to(r.presentado_en + dt.timedelta(days=dias), tick=False)
    admision.admitir_reclamo(r, por=por)


def seis_reclamos_de(org, *, consumidor, agente, funcionario, time_machine) -> list:
    """The hand-counted history of docs/decisions/0024's example (provider A):
    a1 agreement at 10 d, complied; a2 no agreement at 12 d; a3 provider absent at 14 d, closed
    at 20 d; a4 agreement at 8 d, non-compliance verified; a5 rejected (firm) at 3 d; a6 still
    in admission."""
    rs = [reclamo([org], consumidor=consumidor, time_machine=time_machine) for _ in range(6)]
    a1, a2, a3, a4, a5, _a6 = rs
    for r in (a1, a2, a3, a4):
        admitir(r, por=agente, time_machine=time_machine)
    audiencia(a1, 10, Audiencia.Resultado.ACUERDO, por=funcionario)
    acto(a1, E.ACUERDO_FIRMADO, 10)
    acto(a1, E.HOMOLOGADO, 20)
    acto(a1, E.CUMPLIDO, 40)
    audiencia(a2, 12, Audiencia.Resultado.SIN_ACUERDO, por=funcionario)
    acto(a2, E.CERRADO_SIN_ACUERDO, 12)
    audiencia(a3, 14, Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR, por=funcionario)
    acto(a3, E.INCOMPARECENCIA_PROVEEDOR, 14)
    acto(a3, E.CERRADO_SIN_ACUERDO, 20)
    audiencia(a4, 8, Audiencia.Resultado.ACUERDO, por=funcionario)
    acto(a4, E.ACUERDO_FIRMADO, 8)
    acto(a4, E.INCUMPLIMIENTO_VERIFICADO, 50)
    acto(a5, E.INADMITIDO, 1)
    acto(a5, E.INADMITIDO_FIRME, 3)
    return rs
