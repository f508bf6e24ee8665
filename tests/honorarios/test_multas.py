"""Fines for non-appearance (art. 16, Decision 11): only the provider, only after AR-11 expired
without an accepted justification, only with a cédula validly served; the conciliator certifies
within AR-19; staff check, record the legal opinion and issue the certificate and intimation."""

import datetime as dt
from decimal import Decimal

import pytest

from audiencias.models import Cedula
from audiencias.services import audiencia as servicio_audiencia
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from honorarios.models import Multa
from honorarios.services import multas as servicio
from honorarios.services import seguimiento_multas as seguimiento
from notificaciones.models import Notificacion
from plazos import barrido
from plazos.models import Plazo
from plazos.registro import responsables
from reclamos.estados import Estado
from tests.documentos.muestras import pdf_en_blanco, subido
from tests.honorarios.conftest import asistencia, ausencia_del_proveedor, quien, vencer_ar11

pytestmark = pytest.mark.django_db

TODO = {"papeles": True, "notificacion_fehaciente": True, "sin_justificacion": True}


def _ar(reclamo, tipo, **filtro):
    return (
        Plazo.objects.filter(
            object_id=reclamo.pk, tipo=tipo, content_type__model="reclamo", **filtro
        )
        .order_by("-pk")
        .first()
    )


def _ar19_abiertos(reclamo) -> int:
    return Plazo.objects.filter(
        object_id=reclamo.pk, tipo="AR-19", content_type__model="reclamo"
    ).count()


def test_el_consumidor_ausente_nunca_tiene_multa(en_la_audiencia, time_machine):
    asistencia(en_la_audiencia, consumidor=False)
    servicio_audiencia.registrar_resultado(
        en_la_audiencia, por=quien(en_la_audiencia), resultado="incomparecencia_consumidor"
    )
    reclamo = en_la_audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.DESISTIDO
    time_machine.move_to(dt.datetime(2026, 4, 30, 12, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ConflictoDeEstado) as error:
        servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert error.value.codigo == "not_finable"
    assert not servicio.se_puede_certificar(reclamo)
    assert not Multa.objects.exists()


def test_sin_notificacion_valida_no_hay_multa(en_la_audiencia, time_machine):
    reclamo = ausencia_del_proveedor(en_la_audiencia)
    vencer_ar11(time_machine)
    cedula = Cedula.objects.get(audiencia=en_la_audiencia)
    Cedula.objects.filter(pk=cedula.pk).update(en_termino=False)
    with pytest.raises(ConflictoDeEstado) as error:
        servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert error.value.codigo == "notice_invalid"
    Cedula.objects.filter(pk=cedula.pk).update(en_termino=True, notificada_el=None)
    with pytest.raises(ConflictoDeEstado):
        servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert not Multa.objects.exists()


def test_la_multa_espera_que_venza_ar11_aunque_se_rechace_antes_la_justificacion(
    en_la_audiencia, time_machine
):
    reclamo = ausencia_del_proveedor(en_la_audiencia)
    ar11 = _ar(reclamo, "AR-11")
    assert ar11.vence == dt.date(2026, 3, 17)
    time_machine.move_to(dt.datetime(2026, 3, 12, 15, tzinfo=dt.UTC), tick=False)
    servicio_audiencia.decidir_justificacion(
        reclamo, por=quien(en_la_audiencia), aceptar=False, motivo="No acompañó prueba."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    with pytest.raises(ConflictoDeEstado) as error:
        servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert error.value.codigo == "ar11_running" and "AR-11" in error.value.mensaje
    # AR-19 counts from AR-11's expiry (17/3), not from the early closure (12/3).
    ar19 = _ar(reclamo, "AR-19", estado="corriendo")
    assert (ar19.inicio, ar19.vence) == (dt.date(2026, 3, 17), dt.date(2026, 3, 26))
    assert _ar19_abiertos(reclamo) == 1  # opened once with its start, never cancelled
    assert responsables(ar19) == [quien(en_la_audiencia)]
    time_machine.move_to(dt.datetime(2026, 3, 18, 3, tzinfo=dt.UTC), tick=False)  # 18/3 00:00 BA
    [multa] = servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert "rechazada por el conciliador" in multa.certificacion.snapshot["justificacion"]
    assert _ar(reclamo, "AR-19").estado == "cumplido"


def test_ar19_vencido_se_certifica_igual_pero_queda_constancia(
    cerrado_por_incomparecencia, en_la_audiencia, time_machine
):
    ar19 = _ar(cerrado_por_incomparecencia, "AR-19", estado="corriendo")
    assert ar19.inicio == dt.date(2026, 3, 17)  # the sweeper closed on 18/3; AR-11 ended 17/3
    assert _ar19_abiertos(cerrado_por_incomparecencia) == 1
    time_machine.move_to(dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC), tick=False)
    barrido.vencer_plazos()
    servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    entrada = cerrado_por_incomparecencia.actuaciones.get(codigo="multa.certificada")
    assert "fuera del plazo" in entrada.texto


def test_solo_el_conciliador_de_la_audiencia_certifica(
    cerrado_por_incomparecencia, consumidora, proveedor, agente_admision
):
    for alguien in (consumidora, proveedor, agente_admision):
        with pytest.raises(AccesoDenegado):
            servicio.certificar_multa(cerrado_por_incomparecencia, por=alguien)


def test_flujo_completo_del_conciliador_al_certificado_y_la_intimacion(
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    proveedor,
    time_machine,
    django_capture_on_commit_callbacks,
):
    reclamo = cerrado_por_incomparecencia
    with django_capture_on_commit_callbacks(execute=True):
        [multa] = servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))
    assert multa.estado == "certificada" and multa.acta.tipo == "acta_incomparecencia"
    assert multa.ar11_vencio == dt.date(2026, 3, 17)
    snapshot = multa.certificacion.snapshot
    assert snapshot["cuit"] == "30712345671"
    assert "cedulas@telefonia.example" in snapshot["notificacion"]
    assert snapshot["justificacion"] == "No se presentó justificación dentro del plazo."
    with pytest.raises(ConflictoDeEstado, match="ya fue certificada"):
        servicio.certificar_multa(reclamo, por=quien(en_la_audiencia))

    # Staff: every check and the legal opinion are required.
    with pytest.raises(DatosInvalidos) as error:
        servicio.emitir_certificado_multa(
            multa,
            por=agente_admision,
            verificaciones={**TODO, "notificacion_fehaciente": False},
            dictamen="Procede.",
        )
    assert "notificacion_fehaciente" in error.value.campos
    with pytest.raises(DatosInvalidos):
        servicio.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="  "
        )
    with pytest.raises(AccesoDenegado):
        servicio.emitir_certificado_multa(
            multa, por=quien(en_la_audiencia), verificaciones=TODO, dictamen="Procede."
        )

    time_machine.move_to(dt.datetime(2026, 4, 20, 15, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        multa = servicio.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="Procede la multa."
        )
    # Q11: the SMVM in force on the missed hearing's date (10/3), not the later one.
    assert (multa.smvm, multa.monto, multa.estado) == (
        Decimal("330000.00"),
        Decimal("330000.00"),
        "definitiva",
    )
    certificado = multa.certificado.snapshot
    for campo in ("proveedor", "cuit", "reclamo_numero", "audiencia", "notificacion", "pago"):
        assert certificado[campo]
    assert certificado["ar11_vencio"] == "17/03/2026"
    assert "10 días hábiles" in certificado["recurso"] and "Ley 24.240" in certificado["recurso"]
    assert multa.certificado.numero and multa.intimacion.tipo == "intimacion"
    # The intimation goes to the electronic address the cédula was served at.
    aviso = multa.intimacion_notificacion
    aviso.refresh_from_db()
    assert aviso.email == "cedulas@telefonia.example" and aviso.estado == "enviada"
    assert {a["pk"] for a in aviso.adjuntos} == {multa.certificado_id, multa.intimacion_id}

    multa = seguimiento.registrar_notificacion_intimacion(multa, por=agente_admision)
    assert multa.intimacion_notificada_el == dt.date(2026, 4, 21)  # the day after acceptance
    ar23 = Plazo.objects.get(object_id=multa.pk, tipo="AR-23", content_type__model="multa")
    assert (ar23.cantidad, ar23.unidad) == (10, "habiles")
    time_machine.move_to(dt.datetime.combine(ar23.vence, dt.time(12), dt.UTC), tick=False)
    time_machine.shift(dt.timedelta(days=1))
    barrido.vencer_plazos()
    multa.refresh_from_db()
    assert multa.firme_desde is not None
    assert reclamo.actuaciones.filter(codigo="multa.firme").exists()
    multa = seguimiento.registrar_pago_multa(
        multa,
        por=agente_admision,
        fecha=multa.firme_desde,
        monto=multa.monto,
        referencia="Transferencia 991",
    )
    assert (multa.estado, multa.parte_consumidor) == ("pagada", Decimal("110000.00"))
    with pytest.raises(ConflictoDeEstado):
        seguimiento.anular_multa(multa, por=agente_admision, motivo="Tarde.")


def test_sin_smvm_o_sin_instrucciones_de_pago_no_se_emite(
    cerrado_por_incomparecencia, en_la_audiencia, agente_admision, instrucciones_pago
):
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    with pytest.raises(ConflictoDeEstado, match="SMVM vigente al 10/03/2026"):
        servicio.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
        )
    instrucciones_pago.delete()
    from normativa.models import ValorReferencia

    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2026, 1, 1), valor=Decimal("330000"), fuente="x"
    )
    with pytest.raises(ConflictoDeEstado, match="instrucciones de pago"):
        servicio.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
        )
    multa.refresh_from_db()
    assert multa.estado == "certificada" and multa.certificado_id is None


def test_cedula_fehaciente_la_intimacion_se_notifica_con_constancia(
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    time_machine,
):
    Cedula.objects.filter(audiencia=en_la_audiencia).update(
        via="fehaciente", domicilio="Av. Corrientes 1234, CABA", medio="Carta documento 123"
    )
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    multa = servicio.emitir_certificado_multa(
        multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
    )
    assert (multa.intimacion_via, multa.intimacion_notificacion_id) == ("fehaciente", None)
    assert multa.intimacion_domicilio == "Av. Corrientes 1234, CABA"
    with pytest.raises(DatosInvalidos) as error:
        seguimiento.registrar_notificacion_intimacion(multa, por=agente_admision)
    assert set(error.value.campos) == {"notificada_el", "medio", "constancia"}
    multa = seguimiento.registrar_notificacion_intimacion(
        multa,
        por=agente_admision,
        notificada_el=dt.date(2026, 3, 18),
        medio="Carta documento 456",
        constancia=subido("cd.pdf", pdf_en_blanco(), "application/pdf"),
    )
    assert multa.intimacion_constancia.sha256
    assert Plazo.objects.filter(object_id=multa.pk, tipo="AR-23").exists()
    multa = seguimiento.registrar_apelacion(multa, por=agente_admision, fecha=dt.date(2026, 3, 18))
    assert multa.estado == "apelada"
    assert Plazo.objects.get(object_id=multa.pk, tipo="AR-23").estado == "cumplido"


def test_anular_exige_motivo_y_no_se_vuelve_a_certificar(
    cerrado_por_incomparecencia, en_la_audiencia, agente_admision
):
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    with pytest.raises(DatosInvalidos):
        seguimiento.anular_multa(multa, por=agente_admision, motivo=" ")
    multa = seguimiento.anular_multa(
        multa, por=agente_admision, motivo="La justificación llegó en término por correo."
    )
    assert multa.estado == "anulada" and multa.anulada_por == agente_admision
    assert not servicio.se_puede_certificar(cerrado_por_incomparecencia)
    with pytest.raises(ConflictoDeEstado):
        servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    assert cerrado_por_incomparecencia.actuaciones.filter(codigo="multa.anulada").exists()


def test_la_intimacion_electronica_espera_la_aceptacion_del_servidor(
    cerrado_por_incomparecencia, en_la_audiencia, valores_de_multa, agente_admision
):
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    multa = servicio.emitir_certificado_multa(  # no on-commit callbacks: nothing was sent
        multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
    )
    assert Notificacion.objects.get(pk=multa.intimacion_notificacion_id).aceptada_en is None
    with pytest.raises(ConflictoDeEstado, match="todavía no aceptó"):
        seguimiento.registrar_notificacion_intimacion(multa, por=agente_admision)


def test_el_monto_sale_de_la_multa_que_define_el_regimen(
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    time_machine,
    monkeypatch,
):
    """Decision 0030: the fine's unit and multiple are the régimen's definition
    (Regimen.multa_incomparecencia), not 1 × SMVM in code; without a fixed fine, none here."""
    import dataclasses

    from normativa import regimenes

    coprec = regimenes.obtener(cerrado_por_incomparecencia.regimen_codigo)
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    time_machine.move_to(dt.datetime(2026, 4, 20, 15, tzinfo=dt.UTC), tick=False)

    sin_multa = dataclasses.replace(coprec, multa_incomparecencia=None)
    monkeypatch.setitem(regimenes._REGISTRO, coprec.codigo, sin_multa)
    with pytest.raises(ConflictoDeEstado, match="no fija una multa"):
        servicio.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
        )

    doble = dataclasses.replace(
        coprec, multa_incomparecencia=dataclasses.replace(coprec.multa_incomparecencia, multiplo=2)
    )
    monkeypatch.setitem(regimenes._REGISTRO, coprec.codigo, doble)
    multa = servicio.emitir_certificado_multa(
        Multa.objects.get(pk=multa.pk),
        por=agente_admision,
        verificaciones=TODO,
        dictamen="Procede.",
    )
    assert (multa.smvm, multa.monto) == (Decimal("330000.00"), Decimal("660000.00"))
