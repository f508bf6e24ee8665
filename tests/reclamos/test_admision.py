"""Admissibility outcomes, appeals, over-cap review, accumulation and withdrawal."""

import datetime

import pytest

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Pausa
from reclamos.services import acumulacion, admision
from reclamos.transiciones import hoy_en
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


@pytest.fixture
def en_admision(consumidora, proveedor_activo):
    return reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)


def _plazos(reclamo, estado=None):
    qs = Plazo.objects.filter(object_id=reclamo.pk)
    if estado:
        qs = qs.filter(estado=estado)
    return sorted(qs.values_list("tipo", flat=True))


def test_admitir_metodo_a_espera_turno_y_avisa(
    en_admision, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admision.admitir_reclamo(en_admision, por=agente_admision)
    en_admision.refresh_from_db()
    assert en_admision.estado == Estado.ESPERA_TURNO
    assert "admitido" in mailoutbox[-1].subject


def test_admitir_metodo_b_abre_ar03(consumidora, proveedor_activo, agente_admision):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, metodo_designacion="b")
    admision.admitir_reclamo(reclamo, por=agente_admision)
    assert reclamo.estado == Estado.ESPERA_DOC_AUTONOMO
    assert _plazos(reclamo, "corriendo") == ["AR-03"]


def test_requerir_abre_ar01_y_la_respuesta_lo_cumple(en_admision, agente_admision, consumidora):
    from tests.documentos.muestras import pdf_en_blanco, subido

    admision.requerir_acreditacion(en_admision, por=agente_admision, requerimiento="La factura")
    plazo = Plazo.objects.get(object_id=en_admision.pk, tipo="AR-01")
    assert plazo.estado == "corriendo"
    # Deemed served the next calendar day; 10 business days counted after it.
    assert plazo.inicio == hoy_en(en_admision) + datetime.timedelta(days=1)
    factura = subido("factura.pdf", pdf_en_blanco(), "application/pdf")
    admision.responder_requerimiento(
        en_admision, por=consumidora, respuesta="Adjunto", archivos=[factura]
    )
    plazo.refresh_from_db()
    assert plazo.estado == "cumplido"
    assert en_admision.estado == Estado.EN_ADMISION


def test_la_no_admision_por_silencio_solo_despues_de_vencer_el_ar01(en_admision, agente_admision):
    from django.utils import timezone

    from plazos import barrido
    from reclamos import selectors

    admision.requerir_acreditacion(en_admision, por=agente_admision, requerimiento="Factura")
    assert not admision.requerimiento_vencido(en_admision)
    assert en_admision not in selectors.cola_admision(agente_admision)
    with pytest.raises(ConflictoDeEstado):
        admision.inadmitir_reclamo(
            en_admision, por=agente_admision, motivos="Sin respuesta", por_silencio=True
        )
    assert _plazos(en_admision, "corriendo") == ["AR-01"]

    barrido.vencer_plazos(ahora=timezone.now() + datetime.timedelta(days=40))
    assert admision.requerimiento_vencido(en_admision)
    (en_cola,) = selectors.cola_admision(agente_admision)
    assert en_cola == en_admision and en_cola.requerimiento_vencido
    admision.inadmitir_reclamo(
        en_admision, por=agente_admision, motivos="Sin respuesta", por_silencio=True
    )
    assert en_admision.estado == Estado.INADMITIDO
    assert _plazos(en_admision, "vencido") == ["AR-01"]


def test_inadmitir_nombra_los_recursos_y_abre_sus_plazos(
    en_admision, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admision.inadmitir_reclamo(en_admision, por=agente_admision, motivos="No es de consumo")
    assert en_admision.estado == Estado.INADMITIDO
    assert _plazos(en_admision, "corriendo") == ["AR-02", "AR-02J"]
    cuerpo = mailoutbox[-1].body
    assert "reconsideración" in cuerpo and "jerárquico" in cuerpo and "No es de consumo" in cuerpo


def test_el_jerarquico_lo_decide_la_autoridad_superior(
    en_admision, agente_admision, administrador, consumidora
):
    admision.inadmitir_reclamo(en_admision, por=agente_admision, motivos="x")
    admision.recurrir_inadmision(
        en_admision, por=consumidora, tipo="jerarquico", fundamentos="Es una relación de consumo"
    )
    with pytest.raises(AccesoDenegado):
        admision.decidir_recurso(en_admision, por=agente_admision, admitido=True, fundamentos="ok")
    admision.decidir_recurso(en_admision, por=administrador, admitido=True, fundamentos="ok")
    assert en_admision.estado == Estado.ESPERA_TURNO


def test_reconsideracion_rechazada_deja_firme_la_inadmision(
    en_admision, agente_admision, consumidora
):
    admision.inadmitir_reclamo(en_admision, por=agente_admision, motivos="x")
    admision.recurrir_inadmision(
        en_admision, por=consumidora, tipo="reconsideracion", fundamentos="y"
    )
    assert admision.recurso_pendiente(en_admision)["tipo"] == "reconsideracion"
    admision.decidir_recurso(en_admision, por=agente_admision, admitido=False, fundamentos="z")
    assert en_admision.estado == Estado.INADMITIDO_FIRME


def test_suspension_por_tope_pausa_y_se_resuelve(consumidora, agente_admision):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, metodo_designacion="b")
    admision.admitir_reclamo(reclamo, por=agente_admision)
    admision.suspender_por_tope(reclamo, por=agente_admision, motivo="El monto real es mayor")
    assert reclamo.pausas.get().tipo == Pausa.Tipo.LIMITE_EN_REVISION
    assert _plazos(reclamo, "suspendido") == ["AR-03"]
    with pytest.raises(ConflictoDeEstado):
        admision.suspender_por_tope(reclamo, por=agente_admision, motivo="otra vez")
    admision.resolver_tope(reclamo, por=agente_admision, continuar=True, fundamentos="Está bien")
    assert _plazos(reclamo, "corriendo") == ["AR-03"]
    assert reclamo.pausas.get().hasta is not None


def test_cerrar_por_tope(consumidora, agente_admision):
    reclamo = reclamo_en(Estado.ESPERA_TURNO, consumidor=consumidora)
    admision.suspender_por_tope(reclamo, por=agente_admision, motivo="Excede")
    admision.resolver_tope(reclamo, por=agente_admision, continuar=False, fundamentos="Excede")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_EXCEDE_TOPE


def test_desistir_cancela_los_plazos(en_admision, agente_admision, consumidora):
    admision.requerir_acreditacion(en_admision, por=agente_admision, requerimiento="Factura")
    admision.desistir_reclamo(en_admision, por=consumidora)
    assert en_admision.estado == Estado.DESISTIDO
    assert _plazos(en_admision, "cancelado") == ["AR-01"]
    assert en_admision.actuaciones.last().por == consumidora


def test_acumular_y_separar(consumidora, otra_consumidora, proveedor_activo, agente_admision):
    uno = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    dos = reclamo_en(Estado.ADMITIDO, consumidor=otra_consumidora, organizacion=proveedor_activo)
    grupo = acumulacion.acumular_reclamos(
        [uno, dos], por=agente_admision, fundamento="Mismo corte de servicio"
    )
    assert grupo.miembros.filter(hasta__isnull=True).count() == 2
    assert uno.actuaciones.last().codigo == "reclamo.acumulado"
    assert uno.numero != dos.numero  # each keeps its own number
    with pytest.raises(ConflictoDeEstado):
        acumulacion.acumular_reclamos([uno, dos], por=agente_admision, fundamento="otra vez")
    acumulacion.separar_reclamo(dos, por=agente_admision, fundamento="Hechos distintos")
    assert grupo.miembros.filter(hasta__isnull=True).count() == 0
    assert dos.actuaciones.last().codigo == "reclamo.separado"


def test_no_se_acumulan_reclamos_contra_proveedores_distintos(
    consumidora, otra_consumidora, proveedor_activo, otro_proveedor, agente_admision
):
    from conciliacion.errores import DatosInvalidos

    uno = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    dos = reclamo_en(Estado.ADMITIDO, consumidor=otra_consumidora, organizacion=otro_proveedor)
    with pytest.raises(DatosInvalidos):
        acumulacion.acumular_reclamos([uno, dos], por=agente_admision, fundamento="x")


def test_el_recordatorio_del_ar01_le_llega_a_la_consumidora(
    en_admision, agente_admision, consumidora, django_capture_on_commit_callbacks, mailoutbox
):
    from notificaciones.models import Notificacion
    from plazos.recordatorios import recordar_plazos

    admision.requerir_acreditacion(en_admision, por=agente_admision, requerimiento="La factura")
    plazo = Plazo.objects.get(object_id=en_admision.pk, tipo="AR-01")
    # Noon in Buenos Aires on the business day before the due date.
    vispera = plazo.vence - datetime.timedelta(days=1)
    while vispera.weekday() >= 5:
        vispera -= datetime.timedelta(days=1)
    ahora = datetime.datetime.combine(vispera, datetime.time(15), tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert recordar_plazos(ahora=ahora) == 1
    aviso = Notificacion.objects.get(plantilla="recordatorio_plazo")
    assert aviso.destinatario == consumidora


def _en_revision_del_tope(reclamo, por):
    admision.suspender_por_tope(reclamo, por=por, motivo="La factura supera los 55 SMVM.")
    return reclamo


def test_la_cola_muestra_y_filtra_los_suspendidos_por_revision_del_tope(
    client, en_admision, agente_admision, consumidora, proveedor_activo
):
    from django.urls import reverse

    from reclamos import selectors

    # Past admission (in conciliation) but suspended: staff must decide it (art. 2).
    suspendido = _en_revision_del_tope(
        reclamo_en(Estado.EN_CONCILIACION, consumidor=consumidora, organizacion=proveedor_activo),
        agente_admision,
    )
    decidido = reclamo_en(
        Estado.EN_CONCILIACION, consumidor=consumidora, organizacion=proveedor_activo
    )
    _en_revision_del_tope(decidido, agente_admision)
    admision.resolver_tope(decidido, por=agente_admision, continuar=True, fundamentos="No excede.")

    cola = {r.pk: r.revision_tope for r in selectors.cola_admision(agente_admision)}
    assert cola == {en_admision.pk: False, suspendido.pk: True}
    solo = selectors.cola_admision(agente_admision, revision_tope=True)
    assert [r.pk for r in solo] == [suspendido.pk]

    client.force_login(agente_admision)
    pagina = client.get(reverse("reclamos:cola")).content.decode()
    assert "Suspendido por revisión del tope: decidí si continúa" in pagina
    assert reverse("reclamos:tope", args=[suspendido.pk]) in pagina
    filtrada = client.get(reverse("reclamos:cola"), {"tope": "1"}).content.decode()
    assert suspendido.numero in filtrada
    assert en_admision.numero not in filtrada and decidido.numero not in filtrada
    assert 'name="tope" value="1" checked' in filtrada
