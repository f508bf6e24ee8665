"""Builders for CABA (Ley 757) tests: a denuncia filed online, a hearing fixed with a staff
audiencista, the dated UF and CBT values."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from audiencias.models import Audiencia
from audiencias.services import mediacion as audiencias
from normativa.models import ValorReferencia
from reclamos.transiciones import transicionar
from sumarios.services import denuncia as servicio

BA = ZoneInfo("America/Argentina/Buenos_Aires")
FIJACION = dt.datetime(2026, 3, 2, 10, 0, tzinfo=BA)
INICIO = dt.datetime(2026, 3, 10, 10, 0, tzinfo=BA)
# After the 30-minute tolerance (CABA-05).
DURANTE = dt.datetime(2026, 3, 10, 10, 35, tzinfo=BA)
CUIT = "30712345671"  # the proveedor_activo fixture's
UF = Decimal("1200.00")
CBT = Decimal("1100000.00")


def datos_denuncia(**extra) -> dict:
    return {
        "nombre": "Lucía",
        "apellido": "Fernández",
        "dni": "30123456",
        "domicilio": "Av. de Mayo 500, CABA",
        "email": "lucia@example.com",
        "hechos": "Compré una heladera que llegó rota y no me la cambian.",
        "pedido": "Que me cambien la heladera.",
        "cuit": CUIT,
        "razon_social": "Telefonía Ejemplo S.A.",
        "domicilio_proveedor": "Av. Corrientes 1234, CABA",
        "consumidor_final": True,
        "en_caba": True,
        "modalidad": "presencial",
        **extra,
    }


def con_dano_directo(**extra) -> dict:
    return datos_denuncia(
        dano_directo=True,
        dano_directo_monto="250000",
        dano_directo_detalle="La heladera llegó con la puerta rota.",
        **extra,
    )


def cargar_valores() -> None:
    ValorReferencia.objects.create(
        tipo="UF", vigente_desde=dt.date(2026, 1, 1), valor=UF, fuente="Ley Tarifaria 2026"
    )
    ValorReferencia.objects.create(
        tipo="CBT", vigente_desde=dt.date(2026, 1, 1), valor=CBT, fuente="INDEC, enero 2026"
    )


def denuncia_con_audiencia(consumidora, audiencista, *, datos=None) -> Audiencia:
    """Filed online, admitted and a hearing fixed in person for 10/03/2026 10:00."""
    with time_machine.travel(FIJACION, tick=False):
        reclamo = servicio.presentar_denuncia(
            consumidor=consumidora, datos=datos or con_dano_directo()
        )
        transicionar(reclamo, "admitir_denuncia", por=audiencista)
        transicionar(
            reclamo,
            "convocar_audiencia",
            por=audiencista,
            datos={"inicio": INICIO.isoformat(), "modalidad": "presencial"},
        )
    return Audiencia.objects.get(reclamo=reclamo)


def asistencias(audiencia, *, consumidor=True, proveedor=True):
    return [
        {"parte": "consumidor", "comparecio": consumidor, "nombre": "Lucía Fernández"},
        {
            "parte": "proveedor",
            "proveedor": audiencia.reclamo.proveedores.get().pk,
            "comparecio": proveedor,
            "nombre": "Martín Gómez" if proveedor else "",
        },
    ]


def celebrar(audiencia, audiencista, resultado, texto="", **presentes):
    with time_machine.travel(DURANTE, tick=False):
        return audiencias.celebrar_audiencia(
            audiencia,
            por=audiencista,
            asistencias=asistencias(audiencia, **presentes),
            resultado=resultado,
            texto=texto,
        )
