"""AR-10 / AR-10P: the conciliation's term runs from the first hearing, the conciliator extends
it once with the parties' agreement, and confirms the closure when it expires (Q18)."""

import datetime as dt

import pytest
from django.urls import reverse

from audiencias.services import audiencia as servicio
from audiencias.services import duracion
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from documentos.models import Documento
from normativa.calendarios import calendario
from notificaciones.models import Notificacion
from plazos import barrido
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.audiencias.test_audiencia import _asistencia, _quien

pytestmark = pytest.mark.django_db


@pytest.fixture
def en_conciliacion(en_la_audiencia):
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="nueva_audiencia"
    )
    return Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)


def _plazo(reclamo, tipo):
    return Plazo.objects.get(object_id=reclamo.pk, tipo=tipo)


def test_la_prorroga_con_acuerdo_de_partes_sigue_donde_termina_ar10(en_conciliacion, consumidora):
    reclamo = en_conciliacion
    conciliador = reclamo.designaciones.get(activa=True).conciliador.usuario
    ar10 = _plazo(reclamo, "AR-10")
    assert ar10.inicio == dt.date(2026, 3, 10)  # from the first hearing (D202-I.6)
    with pytest.raises(DatosInvalidos):
        duracion.prorrogar_conciliacion(
            reclamo, por=conciliador, acuerdo_de_partes=False, fundamento="Pidió el consumidor."
        )
    with pytest.raises(AccesoDenegado):
        duracion.prorrogar_conciliacion(
            reclamo, por=consumidora, acuerdo_de_partes=True, fundamento="x"
        )
    prorroga = duracion.prorrogar_conciliacion(
        reclamo,
        por=conciliador,
        acuerdo_de_partes=True,
        fundamento="Lo acordaron en la audiencia del 10/03 para reunir presupuestos.",
    )
    ar10.refresh_from_db()
    assert ar10.estado == Plazo.Estado.CUMPLIDO
    assert prorroga.tipo == "AR-10P" and prorroga.estado == Plazo.Estado.CORRIENDO
    assert prorroga.inicio == ar10.vence
    # 15 business days (the catalogue's value) after AR-10's due day.
    cal = calendario("AR")
    assert cal.habiles_entre(ar10.vence, prorroga.vence) == 15  # days in (start, end]
    assert reclamo.actuaciones.filter(codigo="conciliacion.prorrogada").exists()
    aviso = Notificacion.objects.get(plantilla="audiencias/prorroga", destinatario=consumidora)
    assert f"{prorroga.vence:%d/%m/%Y}" in aviso.cuerpo
    with pytest.raises(ConflictoDeEstado) as error:
        duracion.prorrogar_conciliacion(
            reclamo, por=conciliador, acuerdo_de_partes=True, fundamento="Otra vez."
        )
    assert "ya se prorrogó" in error.value.mensaje


def test_al_vencer_queda_a_confirmar_y_el_conciliador_cierra(en_conciliacion, time_machine):
    reclamo = en_conciliacion
    conciliador = reclamo.designaciones.get(activa=True).conciliador.usuario
    with pytest.raises(ConflictoDeEstado):
        duracion.cerrar_por_vencimiento(reclamo, por=conciliador)
    ar10 = _plazo(reclamo, "AR-10")
    time_machine.move_to(
        dt.datetime.combine(ar10.vence + dt.timedelta(days=1), dt.time(15), tzinfo=dt.UTC),
        tick=False,
    )
    barrido.vencer_plazos()
    ar10.refresh_from_db()
    reclamo.refresh_from_db()
    assert ar10.estado == Plazo.Estado.VENCIDO and ar10.requiere_atencion
    assert reclamo.estado == Estado.EN_CONCILIACION  # no automatic closure (Q18)
    with pytest.raises(ConflictoDeEstado):
        duracion.prorrogar_conciliacion(
            reclamo, por=conciliador, acuerdo_de_partes=True, fundamento="Tarde."
        )
    duracion.cerrar_por_vencimiento(reclamo, por=conciliador)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    cierre = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_cierre")
    assert "Venció el plazo de la conciliación (AR-10" in cierre.snapshot["causa"]
    assert cierre.snapshot["ultima_audiencia"] == "10/03/2026"
    assert Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-14", estado="corriendo").exists()
    aviso = Notificacion.objects.get(
        plantilla="audiencias/cierre_por_vencimiento", destinatario=reclamo.consumidor
    )
    assert aviso.adjuntos  # the acta de cierre goes with it


def test_el_acuerdo_firmado_cumple_la_prorroga(en_conciliacion):
    reclamo = en_conciliacion
    conciliador = reclamo.designaciones.get(activa=True).conciliador.usuario
    duracion.prorrogar_conciliacion(
        reclamo, por=conciliador, acuerdo_de_partes=True, fundamento="De común acuerdo."
    )
    from reclamos.transiciones import transicionar

    transicionar(reclamo, "firmar_acuerdo", por=conciliador)
    assert _plazo(reclamo, "AR-10P").estado == Plazo.Estado.CUMPLIDO


def test_la_pagina_prorroga_y_conserva_lo_escrito(client, en_conciliacion):
    reclamo = en_conciliacion
    conciliador = reclamo.designaciones.get(activa=True).conciliador.usuario
    client.force_login(conciliador)
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Prorrogar la conciliación" in detalle
    url = reverse("audiencias:duracion", args=[reclamo.pk])
    respuesta = client.post(url, {"accion": "prorrogar", "fundamento": "Por mail del 11/03."})
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "acuerdo de ambas partes" in contenido and "Por mail del 11/03." in contenido
    respuesta = client.post(
        url,
        {"accion": "prorrogar", "acuerdo_de_partes": "on", "fundamento": "Por mail del 11/03."},
    )
    assert respuesta.status_code == 302
    assert _plazo(reclamo, "AR-10P").estado == Plazo.Estado.CORRIENDO
    assert client.get(url).status_code == 200


def test_los_formularios_del_plazo_llevan_su_token_csrf(client, en_conciliacion):
    conciliador = en_conciliacion.designaciones.get(activa=True).conciliador.usuario
    client.force_login(conciliador)
    pagina = client.get(reverse("audiencias:duracion", args=[en_conciliacion.pk]))
    formulario = pagina.content.decode().split('class="form-prorroga"')[1]
    assert "csrfmiddlewaretoken" in formulario.split("</form>")[0]


def test_otra_persona_no_usa_la_pagina(client, en_conciliacion, consumidora):
    client.force_login(consumidora)
    url = reverse("audiencias:duracion", args=[en_conciliacion.pk])
    assert client.get(url).status_code == 403
