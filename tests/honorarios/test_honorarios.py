"""The fee's life: liquidation when the values are loaded later, the Fondo's constancia and its
15 days (AR-15), the 45 days after the last hearing (AR-16) and the 5-day refund (AR-17)."""

import datetime as dt
from decimal import Decimal

import pytest

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from honorarios import selectors
from honorarios.models import Honorario
from honorarios.services import honorarios as servicio
from normativa.models import ArancelHonorarios, ValorReferencia
from notificaciones.models import Notificacion
from plazos import barrido
from plazos.models import Plazo
from plazos.registro import responsables

pytestmark = pytest.mark.django_db


def _plazo(honorario, tipo):
    return Plazo.objects.get(object_id=honorario.pk, tipo=tipo, content_type__model="honorario")


def _a(time_machine, fecha, hora=15):
    time_machine.move_to(dt.datetime(fecha.year, fecha.month, fecha.day, hora, tzinfo=dt.UTC))


def test_sin_arancel_queda_sin_monto_lo_dice_y_se_liquida_al_cargarlo(cerrar, agente_admision):
    reclamo = cerrar("a", "cerrar_sin_acuerdo")
    honorario = reclamo.honorario
    assert honorario.monto is None
    assert "monto a liquidar" in reclamo.actuaciones.get(codigo="honorarios.devengado").texto
    assert len(servicio.faltantes(honorario)) == 2
    with pytest.raises(DatosInvalidos, match="sin monto"):
        servicio.emitir_constancia_fondo(honorario, por=agente_admision)
    with pytest.raises(DatosInvalidos, match="arancel"):
        servicio.liquidar_honorario(honorario, por=agente_admision)
    # Values loaded later, but in force from before the closing date: the fee is liquidated.
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 1, 1), valor=Decimal("25000"), fuente="x"
    )
    ArancelHonorarios.objects.create(
        vigente_desde=dt.date(2026, 1, 1),
        unidades_basico=Decimal("3"),
        bandas_total=[{"hasta": None, "unidades": "6"}],
        fuente="x",
    )
    honorario = servicio.liquidar_honorario(honorario, por=agente_admision)
    assert (honorario.unidades, honorario.monto) == (Decimal("3.00"), Decimal("75000.00"))
    assert reclamo.actuaciones.filter(codigo="honorarios.liquidado").exists()
    with pytest.raises(ConflictoDeEstado):
        servicio.liquidar_honorario(honorario, por=agente_admision)


def test_un_valor_posterior_al_cierre_no_se_aplica(cerrar):
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 4, 1), valor=Decimal("25000"), fuente="x"
    )
    ArancelHonorarios.objects.create(
        vigente_desde=dt.date(2026, 4, 1),
        unidades_basico=Decimal("3"),
        bandas_total=[{"hasta": None, "unidades": "6"}],
        fuente="x",
    )
    assert cerrar("a", "cerrar_sin_acuerdo").honorario.monto is None  # closed on 20/3


def test_el_fondo_paga_en_15_dias_desde_la_presentacion(
    cerrar, arancel, agente_admision, time_machine, django_capture_on_commit_callbacks
):
    honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
    conciliador = honorario.conciliador.usuario
    with pytest.raises(ConflictoDeEstado):  # the Fondo pays against the constancia
        servicio.registrar_pago(honorario, por=conciliador, fecha=dt.date(2026, 3, 20))
    with pytest.raises(AccesoDenegado):
        servicio.emitir_constancia_fondo(honorario, por=conciliador)
    with pytest.raises(AccesoDenegado):
        servicio.registrar_presentacion_fondo(
            honorario, por=agente_admision, fecha=dt.date(2026, 3, 20)
        )
    with django_capture_on_commit_callbacks(execute=True):
        honorario = servicio.emitir_constancia_fondo(honorario, por=agente_admision)
    assert honorario.constancia.snapshot["monto"] == "60000.00"
    with pytest.raises(DatosInvalidos):
        servicio.registrar_presentacion_fondo(
            honorario,
            por=conciliador,
            fecha=dt.date(2026, 3, 21),  # future
        )
    servicio.registrar_presentacion_fondo(honorario, por=conciliador, fecha=dt.date(2026, 3, 20))
    ar15 = _plazo(honorario, "AR-15")
    # 15 business days from Friday 20/3 (Mon 23/3 and Tue 24/3 are holidays, 2/4 and 3/4 too).
    assert (ar15.unidad, ar15.cantidad, ar15.vence) == ("habiles", 15, dt.date(2026, 4, 16))
    assert responsables(ar15) == []  # the Fondo's term: flagged on the page, nobody reminded

    _a(time_machine, dt.date(2026, 4, 17))
    with django_capture_on_commit_callbacks(execute=True):
        barrido.vencer_plazos()
    ar15.refresh_from_db()
    assert ar15.estado == "vencido"
    fila = selectors.obligaciones_del_fondo(agente_admision).get(pk=honorario.pk)
    assert fila.fondo_vencido and fila.vence_fondo == dt.date(2026, 4, 16)
    assert Notificacion.objects.filter(
        destinatario=conciliador, plantilla="honorarios/fondo_vencido"
    ).exists()
    # The Fondo pays late: staff record it; AR-16 is met too.
    honorario = servicio.registrar_pago(honorario, por=agente_admision, fecha=dt.date(2026, 4, 17))
    assert honorario.estado == "pagado"
    assert _plazo(honorario, "AR-16").estado == "cumplido"
    with pytest.raises(ConflictoDeEstado):
        servicio.registrar_pago(honorario, por=conciliador, fecha=dt.date(2026, 4, 17))


def test_impago_a_los_45_dias_corridos_es_ejecutable_con_copia_certificada(
    cerrar, arancel, time_machine, django_capture_on_commit_callbacks
):
    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario  # the consumer pays
    ar16 = _plazo(honorario, "AR-16")
    assert (ar16.unidad, ar16.vence) == ("corridos", dt.date(2026, 4, 24))  # 10/3 + 45 days
    _a(time_machine, dt.date(2026, 4, 24), hora=20)  # the last day: not yet
    barrido.vencer_plazos()
    honorario.refresh_from_db()
    assert honorario.estado == "devengado"
    _a(time_machine, dt.date(2026, 4, 25))
    with django_capture_on_commit_callbacks(execute=True):
        barrido.vencer_plazos()
        barrido.vencer_plazos()  # a second run does nothing
    honorario.refresh_from_db()
    assert honorario.estado == "ejecutable"
    copia = honorario.copia_certificada
    assert copia.tipo == "certificado_ejecutoriedad" and copia.sha256
    assert copia.snapshot["acta"]  # the acta de cierre the hook of the closing act issued
    assert "Lucía Fernández" in copia.snapshot["deudor"]
    assert Honorario.objects.get(pk=honorario.pk).copia_certificada_id == copia.pk
    notificacion = Notificacion.objects.get(plantilla="honorarios/ejecutable")
    assert notificacion.destinatario == honorario.conciliador.usuario
    assert notificacion.adjuntos[0]["pk"] == copia.pk
    assert honorario.reclamo.actuaciones.filter(codigo="honorarios.ejecutable").exists()


def test_pagado_antes_de_los_45_dias_no_es_ejecutable(cerrar, arancel, time_machine):
    honorario = cerrar("b", "cerrar_sin_acuerdo").honorario
    servicio.registrar_pago(
        honorario, por=honorario.conciliador.usuario, fecha=dt.date(2026, 3, 20)
    )
    _a(time_machine, dt.date(2026, 5, 1))
    barrido.vencer_plazos()
    honorario.refresh_from_db()
    assert (honorario.estado, honorario.copia_certificada_id) == ("pagado", None)


def test_cobrar_el_total_obliga_a_reintegrar_el_basico_en_5_dias(
    cerrar,
    arancel,
    agente_registro_activo,
    agente_admision,
    time_machine,
    django_capture_on_commit_callbacks,
):
    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario
    conciliador = honorario.conciliador.usuario
    with pytest.raises(ConflictoDeEstado):  # the basic fee was not collected yet
        servicio.registrar_cobro_total(
            honorario, por=conciliador, fecha=dt.date(2026, 3, 20), causa="voluntario"
        )
    servicio.registrar_pago(honorario, por=conciliador, fecha=dt.date(2026, 3, 20))
    # The UR went up before the full fee was collected: the refund is at the value then in force.
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 3, 20), valor=Decimal("22000"), fuente="x"
    )
    with pytest.raises(AccesoDenegado):
        servicio.registrar_cobro_total(
            honorario, por=agente_admision, fecha=dt.date(2026, 3, 20), causa="costas"
        )
    with pytest.raises(DatosInvalidos):
        servicio.registrar_cobro_total(
            honorario, por=conciliador, fecha=dt.date(2026, 3, 20), causa="otra"
        )
    honorario = servicio.registrar_cobro_total(
        honorario, por=conciliador, fecha=dt.date(2026, 3, 20), causa="costas"
    )
    assert (honorario.monto_reintegro, honorario.reintegro_a) == (Decimal("66000.00"), "consumidor")
    ar17 = _plazo(honorario, "AR-17")
    # 5 business days from Friday 20/3 (Mon 23/3 bridge day and Tue 24/3 holiday skipped).
    assert (ar17.cantidad, ar17.vence) == (5, dt.date(2026, 3, 31))
    assert responsables(ar17) == [conciliador]  # the conciliator is reminded

    _a(time_machine, dt.date(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        barrido.vencer_plazos()
    aviso = Notificacion.objects.get(plantilla="honorarios/reintegro_vencido")
    assert aviso.destinatario == agente_registro_activo
    fila = selectors.reintegros(agente_registro_activo).get()
    assert fila.reintegro_vencido and fila.reintegro_pendiente
    entrada = honorario.reclamo.actuaciones.get(codigo="honorarios.reintegro_vencido")
    assert not entrada.visible_para_partes

    servicio.registrar_reintegro(honorario, por=conciliador, fecha=dt.date(2026, 4, 1))
    honorario.refresh_from_db()
    assert not honorario.reintegro_pendiente
    with pytest.raises(ConflictoDeEstado):
        servicio.registrar_reintegro(honorario, por=conciliador, fecha=dt.date(2026, 4, 1))


def test_el_reintegro_en_termino_cumple_ar17_sin_avisar_al_registro(
    cerrar, arancel, agente_registro_activo, time_machine
):
    honorario = cerrar("a", "homologar").honorario  # a full fee is never refunded
    with pytest.raises(ConflictoDeEstado):
        servicio.registrar_cobro_total(
            honorario, por=honorario.conciliador.usuario, fecha=dt.date(2026, 3, 20), causa="x"
        )
    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario
    conciliador = honorario.conciliador.usuario
    servicio.registrar_pago(honorario, por=conciliador, fecha=dt.date(2026, 3, 20))
    servicio.registrar_cobro_total(
        honorario, por=conciliador, fecha=dt.date(2026, 3, 20), causa="auditor"
    )
    servicio.registrar_reintegro(honorario, por=conciliador, fecha=dt.date(2026, 3, 20))
    assert _plazo(honorario, "AR-17").estado == "cumplido"
    _a(time_machine, dt.date(2026, 4, 10))
    barrido.vencer_plazos()
    assert not Notificacion.objects.filter(plantilla="honorarios/reintegro_vencido").exists()


def test_el_conciliador_publico_deposita_en_la_cuenta_del_fondo(cerrar, arancel):
    honorario = cerrar("c", "cerrar_sin_acuerdo", tipo_conciliador="b").honorario
    honorario = servicio.registrar_pago(
        honorario, por=honorario.conciliador.usuario, fecha=dt.date(2026, 3, 20)
    )
    assert honorario.estado == "depositado_fondo"
    entrada = honorario.reclamo.actuaciones.get(codigo="honorarios.pagado")
    assert "cuenta del Fondo" in entrada.texto


def test_otro_conciliador_no_registra_actos_del_honorario(cerrar, arancel):
    from tests.conciliadores.conftest import crear_conciliador

    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario
    otro = crear_conciliador("OTRO-1").usuario
    with pytest.raises(AccesoDenegado):
        servicio.registrar_pago(honorario, por=otro, fecha=dt.date(2026, 3, 20))
    assert not selectors.honorarios_visibles(otro).exists()
