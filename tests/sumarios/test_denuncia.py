"""CABA's denuncia to the end of its conciliation (DOMAIN-CABA §2 C1–C19)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audiencias.models import Audiencia
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from honorarios.models import Honorario
from normativa.regimenes import obtener
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.permisos import reclamos_visibles
from reclamos.transiciones import transicionar
from sumarios.models import Denuncia, MultaIncomparecencia, Sumario
from sumarios.services import denuncia as servicio
from tests.sumarios.caba import (
    DURANTE,
    FIJACION,
    INICIO,
    UF,
    cargar_valores,
    celebrar,
    con_dano_directo,
    datos_denuncia,
    denuncia_con_audiencia,
)

pytestmark = pytest.mark.django_db


def _plazo(reclamo, tipo) -> Plazo:
    return Plazo.objects.get(object_id=reclamo.pk, content_type__model="reclamo", tipo=tipo)


def test_el_regimen_caba_esta_registrado_como_definicion():
    caba = obtener("AR-CABA-757")
    assert caba.calendario_por_defecto == "AR-CABA"
    assert {p.calendario for p in caba.plazos.values()} == {"AR-CABA"}
    assert not caba.requiere_homologacion and not caba.honorarios and caba.tope_unidades is None
    assert caba.audiencias.conduce == "funcionario"
    assert caba.identificadores == ("CUIT",)
    multa = caba.multa_incomparecencia
    assert (multa.unidad, multa.minimo, multa.maximo) == ("UF", 300, 20000)
    # Every length no source gave is L and needs staff to confirm its consequence.
    for codigo in ("CABA-06", "CABA-07", "CABA-08", "CABA-09", "CABA-12", "CABA-13", "CABA-14"):
        tipo = caba.plazo(codigo)
        assert tipo.confianza == "L" and tipo.requiere_confirmacion, codigo
    assert caba.idioma == "es-AR" and not caba.formal


def test_una_longitud_sin_fuente_es_configuracion(settings):
    from normativa.regimenes.caba import configurable

    assert configurable("CABA-07", 5) == 5
    settings.PLAZOS_CABA = {"CABA-07": 15}
    assert configurable("CABA-07", 5) == 15


def test_denuncia_en_linea_con_dano_directo_va_a_analisis(consumidora, funcionario):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=con_dano_directo())
    assert reclamo.estado == Estado.EN_ADMISION
    assert reclamo.numero.startswith("CABA-")
    assert reclamo.regimen_codigo == "AR-CABA-757"
    denuncia = Denuncia.objects.get(reclamo=reclamo)
    assert denuncia.dano_directo_reclamado and denuncia.dano_directo_monto == Decimal("250000")
    assert denuncia.canal == "en_linea"
    assert reclamo.proveedores.get().identificador == "30712345671"
    assert reclamo.proveedores.get().presentado_en == reclamo.presentado_en is not None
    # The régimen's staff see it; the Peruvian one's role set is separate by régimen.
    assert reclamos_visibles(funcionario).filter(pk=reclamo.pk).exists()


@pytest.mark.parametrize(
    "cambio,campo",
    [
        ({"cuit": "30712345670"}, "cuit"),
        ({"en_caba": False}, "en_caba"),
        ({"consumidor_final": False}, "consumidor_final"),
        ({"hechos": " "}, "hechos"),
        ({"dano_directo": True, "dano_directo_monto": "-5"}, "dano_directo_monto"),
        ({"dano_directo": True, "dano_directo_monto": "abc"}, "dano_directo_monto"),
        ({"modalidad": "telepatia"}, "modalidad"),
    ],
)
def test_datos_invalidos_de_la_denuncia(consumidora, cambio, campo):
    with pytest.raises(DatosInvalidos) as error:
        servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia(**cambio))
    assert campo in error.value.campos


def test_otra_persona_no_denuncia_en_nombre_ajeno(consumidora, otra_consumidora):
    with pytest.raises(AccesoDenegado):
        servicio.presentar_denuncia(
            consumidor=consumidora, datos=datos_denuncia(), por=otra_consumidora
        )


def test_audiencia_fijada_con_un_audiencista_del_personal(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    assert audiencia.funcionario == funcionario and audiencia.conciliador_id is None
    assert audiencia.modalidad == "presencial" and audiencia.enlace_video == ""
    assert audiencia.reclamo.estado == Estado.AUDIENCIA_FIJADA
    # No roll, no draw: nobody was designated.
    assert not audiencia.reclamo.designaciones.exists()


def test_incomparecencia_del_proveedor_justificacion_caba01_y_multa_en_uf_y_sumario(
    consumidora, funcionario
):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    acta = celebrar(audiencia, funcionario, "incomparecencia_proveedor", proveedor=False)
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
    assert acta.plantilla == "caba/acta_audiencia"
    caba01 = _plazo(reclamo, "CABA-01")
    # 3 DHA on the CABA calendar from the hearing's day (Q6): Tue 10/03 → Fri 13/03/2026.
    assert caba01.calendario == "AR-CABA"
    assert caba01.vence == dt.date(2026, 3, 13)

    with time_machine.travel(DURANTE, tick=False):
        with pytest.raises(DatosInvalidos) as fuera:
            servicio.multar_incomparecencia(
                reclamo, por=funcionario, unidades="299", fundamentos="No justificó."
            )
        assert "unidades" in fuera.value.campos
        with pytest.raises(DatosInvalidos) as sin_valor:
            servicio.multar_incomparecencia(
                reclamo, por=funcionario, unidades="500", fundamentos="No justificó."
            )
        assert "valor" in sin_valor.value.campos
        cargar_valores()
        multa = servicio.multar_incomparecencia(
            reclamo, por=funcionario, unidades="500", fundamentos="No justificó."
        )
    assert multa.valor_unidad == UF and multa.monto == 500 * UF
    assert multa.fecha_audiencia == dt.date(2026, 3, 10)
    assert multa.documento.tipo == "multa_incomparecencia"
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_SUMARIO
    sumario = Sumario.objects.get(reclamo=reclamo)
    assert sumario.origen == Sumario.Origen.INCOMPARECENCIA
    assert sumario.cuit == "30712345671" and sumario.estado == Sumario.Estado.ABIERTO
    assert _plazo(reclamo, "CABA-01").estado == Plazo.Estado.CUMPLIDO
    assert not Honorario.objects.exists()


def test_justificacion_aceptada_nueva_audiencia_en_caba02(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "incomparecencia_proveedor", proveedor=False)
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    with time_machine.travel(DURANTE, tick=False):
        transicionar(
            reclamo, "aceptar_justificacion", por=funcionario, datos={"justificacion": "Paro"}
        )
    assert reclamo.estado == Estado.ADMITIDO
    assert _plazo(reclamo, "CABA-01").estado == Plazo.Estado.CUMPLIDO
    assert _plazo(reclamo, "CABA-02").vence == dt.date(2026, 3, 17)  # 5 DHA
    with time_machine.travel(DURANTE, tick=False):
        transicionar(
            reclamo,
            "convocar_audiencia",
            por=funcionario,
            datos={"inicio": "2026-03-16T10:00:00-03:00", "modalidad": "hibrida"},
        )
    assert _plazo(reclamo, "CABA-02").estado == Plazo.Estado.CUMPLIDO
    nueva = reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    assert nueva.orden == 2 and nueva.modalidad == "video"  # hybrid: the company by video


def test_denunciante_ausente_desistida_y_reactivable_en_caba03(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "incomparecencia_consumidor", consumidor=False)
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.DESISTIDO
    assert _plazo(reclamo, "CABA-03").vence == dt.date(2026, 3, 13)
    with pytest.raises(DatosInvalidos):
        transicionar(reclamo, "reactivar", por=funcionario)
    transicionar(reclamo, "reactivar", por=funcionario, datos={"justificacion": "Certificado"})
    assert reclamo.estado == Estado.ADMITIDO
    assert _plazo(reclamo, "CABA-03").estado == Plazo.Estado.CUMPLIDO


def test_intimacion_snedc_caba04_cierra_la_conciliacion_y_abre_sumario(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    reclamo = audiencia.reclamo
    with time_machine.travel(FIJACION, tick=False):
        transicionar(reclamo, "intimar_domicilio_electronico", por=funcionario)
    caba04 = _plazo(reclamo, "CABA-04")
    assert caba04.vence == dt.date(2026, 3, 16)  # 10 DHA from Mon 02/03/2026
    assert obtener("AR-CABA-757").plazo("CABA-04").requiere_confirmacion
    servicio.concluir_sin_domicilio(reclamo, por=funcionario)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_SUMARIO
    assert Sumario.objects.get(reclamo=reclamo).origen == Sumario.Origen.SIN_DOMICILIO


def test_domicilio_constituido_cumple_caba04(consumidora, funcionario):
    reclamo = denuncia_con_audiencia(consumidora, funcionario).reclamo
    transicionar(reclamo, "intimar_domicilio_electronico", por=funcionario)
    transicionar(reclamo, "constituir_domicilio_electronico", por=funcionario)
    assert _plazo(reclamo, "CABA-04").estado == Plazo.Estado.CUMPLIDO
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA


def test_acuerdo_sin_homologacion_incumplido_abre_sumario(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "acuerdo", texto="Cambian la heladera en 20 días hábiles.")
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    # No homologation step: the acta closes the conciliation.
    assert reclamo.estado == Estado.ACUERDO_FIRMADO
    assert _plazo(reclamo, "CABA-10").estado == Plazo.Estado.CORRIENDO
    with pytest.raises(ConflictoDeEstado):
        transicionar(reclamo, "homologar", por=funcionario)
    sumario = servicio.denunciar_incumplimiento(
        reclamo, por=consumidora, detalle="No me cambiaron la heladera."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_SUMARIO
    assert sumario.origen == Sumario.Origen.INCUMPLIMIENTO
    assert _plazo(reclamo, "CABA-10").estado == Plazo.Estado.CUMPLIDO
    assert not Honorario.objects.exists() and not MultaIncomparecencia.objects.exists()


def test_sin_acuerdo_pasa_al_area_juridica(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "sin_acuerdo", texto="No hubo acuerdo.")
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.SIN_ACUERDO
    sumario = servicio.cerrar_sin_acuerdo(reclamo, por=funcionario)
    assert sumario.origen == Sumario.Origen.SIN_ACUERDO


def test_el_consumidor_no_mueve_actos_del_personal(consumidora):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    with pytest.raises(AccesoDenegado):
        transicionar(reclamo, "admitir_denuncia", por=consumidora)


def test_sumario_de_oficio(funcionario, consumidora, proveedor_activo):
    sumario = servicio.abrir_de_oficio(
        por=funcionario,
        razon_social="Kiosco Sur",
        cuit="30712345671",
        domicilio="Perú 100, CABA",
        hechos="Acta de inspección 12/2026: precios sin exhibir.",
    )
    assert sumario.origen == Sumario.Origen.DE_OFICIO and sumario.reclamo_id is None
    assert sumario.organizacion is not None  # a registered provider with that CUIT
    with pytest.raises(AccesoDenegado):
        servicio.abrir_de_oficio(
            por=consumidora, razon_social="X", cuit="30712345671", domicilio="Y", hechos="Z"
        )


def test_la_hora_fijada_es_la_del_convocante(consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    assert audiencia.inicio == INICIO


def test_la_invitacion_habla_con_voseo_y_lleva_a_la_pagina_de_la_denuncia(
    client, consumidora, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    """CABA's hearing notices are its own (Regimen.audiencias.plantillas), in voseo and Buenos
    Aires time, and their link (reclamos:detalle) leads to the denuncia's page (Regimen.pagina),
    never to Peru's mediation page."""
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        audiencia = denuncia_con_audiencia(consumidora, funcionario)
    invitaciones = [m for m in mailoutbox if audiencia.reclamo.numero in m.body]
    assert invitaciones, [m.subject for m in mailoutbox]
    cuerpo = invitaciones[0].body
    assert "hora de Buenos Aires" in cuerpo and "Defensa al Consumidor" in cuerpo
    assert "Indecopi" not in cuerpo and "hora de Lima" not in cuerpo
    assert "Agregala a tu calendario" in cuerpo and "Agréguela" not in cuerpo

    client.force_login(consumidora)
    respuesta = client.get(reverse("reclamos:detalle", args=[audiencia.reclamo.pk]))
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("sumarios:denuncia", args=[audiencia.reclamo.pk])
    assert client.get(respuesta.url).status_code == 200
