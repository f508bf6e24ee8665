"""Excusación (the conciliator's duty, AR-05) and recusación (a party's request with cause: the
procedure is suspended, AR-06a, AR-06b, a final decision), with the replacement per method."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores import disponibilidad
from conciliadores.causales import Causal
from conciliadores.models import Conciliador, Designacion, Excusacion, Recusacion, Sorteo
from conciliadores.services import apartamiento
from conciliadores.services import designacion as servicio
from conciliadores.services.sorteo import sortear_conciliador
from plazos.models import Plazo
from plazos.selectors import plazos_de
from reclamos.estados import Estado
from reclamos.models import Actuacion, Pausa
from tests.conciliadores.conftest import crear_conciliador

pytestmark = pytest.mark.django_db


def _plazo(reclamo, tipo):
    return plazos_de(reclamo).filter(tipo=tipo).order_by("-pk").first()


def _codigos(reclamo):
    return list(Actuacion.objects.filter(reclamo=reclamo).values_list("codigo", flat=True))


@pytest.fixture
def sin_agenda(monkeypatch):
    """No app restricts the redraw unless a test says so."""
    monkeypatch.setattr(disponibilidad, "_FUNCIONES", [])


@pytest.fixture
def designado_a(reclamo_a, consumidora, cinco_conciliadores, sin_agenda):
    designacion = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    reclamo_a.refresh_from_db()
    return designacion


@pytest.fixture
def designado_c(reclamo_c, consumidora, perfil_ana):
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    designacion = servicio.aceptar_propuesta(propuesta, por=perfil_ana.usuario)
    reclamo_c.refresh_from_db()
    return designacion


def test_las_causales_son_las_de_los_arts_17_y_30():
    valores = set(Causal.values)
    assert {"17.1", "17.2", "17.3", "17.4", "17.5", "17.7", "17.8", "17.9", "17.10"} <= valores
    assert "30" in valores
    assert all("CPCCN" in str(etiqueta) for etiqueta in Causal.labels)


# --- Excusación ------------------------------------------------------------------------------


def test_excusacion_en_sorteo_sortea_de_nuevo_entre_los_candidatos_sin_el_excusado(
    designado_a, monkeypatch, cinco_conciliadores, django_capture_on_commit_callbacks, mailoutbox
):
    reclamo = designado_a.reclamo
    excusado = designado_a.conciliador
    otros = [c for c in cinco_conciliadores if c != excusado]
    libres = [otros[0], otros[1], excusado]
    monkeypatch.setattr(disponibilidad, "_FUNCIONES", [lambda r: libres])
    with django_capture_on_commit_callbacks(execute=True):
        excusacion = apartamiento.excusarse(
            reclamo,
            por=excusado.usuario,
            causal=Causal.AMISTAD,
            fundamento="Amistad íntima con el gerente del proveedor.",
        )
    assert excusacion.en_termino
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    nueva = Designacion.objects.get(reclamo=reclamo, activa=True)
    assert nueva.conciliador in libres[:2]
    designado_a.refresh_from_db()
    assert not designado_a.activa and designado_a.fin == Designacion.Fin.EXCUSACION
    ronda2 = Sorteo.objects.get(reclamo=reclamo, ronda=2)
    assert {f["matricula"] for f in ronda2.padron} == {c.matricula for c in libres[:2]}
    assert ronda2.excluidos == [excusado.matricula] and ronda2.con_candidatos
    assert Sorteo.objects.get(reclamo=reclamo, ronda=3).realizado_en is None
    assert _plazo(reclamo, "AR-05").estado == Plazo.Estado.CORRIENDO
    codigos = _codigos(reclamo)
    assert "conciliador.excusacion" in codigos and "conciliador.apartado" in codigos
    assert any(reclamo.consumidor_email in m.to and "se excusó" in m.subject for m in mailoutbox)


def test_excusacion_fuera_de_plazo_queda_registrada_como_tal(designado_a):
    reclamo = designado_a.reclamo
    Plazo.objects.filter(pk=_plazo(reclamo, "AR-05").pk).update(estado=Plazo.Estado.VENCIDO)
    excusacion = apartamiento.excusarse(
        reclamo, por=designado_a.conciliador.usuario, causal="30", fundamento="Decoro."
    )
    assert not excusacion.en_termino
    assert (
        "fuera del plazo AR-05"
        in Actuacion.objects.get(reclamo=reclamo, codigo="conciliador.excusacion").texto
    )


def test_sin_otro_libre_en_el_turno_el_consumidor_elige_otro(designado_a, monkeypatch):
    """A booked slot nobody else is free at: the claim goes back to the choice of slot (the
    audiencias app cancels the hearing); the others are eligible, so the registry is not told."""
    reclamo = designado_a.reclamo
    excusado = designado_a.conciliador
    monkeypatch.setattr(disponibilidad, "_FUNCIONES", [lambda r: [excusado]])
    apartamiento.excusarse(reclamo, por=excusado.usuario, causal="17.9", fundamento="Amistad.")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ESPERA_TURNO
    assert "reclamo.vuelve_a_elegir_turno" in _codigos(reclamo)
    assert "conciliador.sin_elegibles" not in _codigos(reclamo)


def test_sin_ningun_habilitado_la_excusacion_queda_para_el_personal_y_el_registro(
    designado_a,
    cinco_conciliadores,
    monkeypatch,
    agente_registro,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    reclamo = designado_a.reclamo
    excusado = designado_a.conciliador
    monkeypatch.setattr(disponibilidad, "_FUNCIONES", [lambda r: None])  # no booked slot
    Conciliador.objects.exclude(pk=excusado.pk).update(activo=False)
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(reclamo, por=excusado.usuario, causal="17.9", fundamento="Amistad.")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    codigos = set(_codigos(reclamo))
    assert {"conciliador.redesignacion_pendiente", "conciliador.sin_elegibles"} <= codigos
    assert any(agente_registro.email in m.to for m in mailoutbox)


def test_solo_el_designado_se_excusa_y_con_causal_y_fundamento(designado_a, cinco_conciliadores):
    reclamo = designado_a.reclamo
    otro = next(c for c in cinco_conciliadores if c != designado_a.conciliador)
    with pytest.raises(AccesoDenegado):
        apartamiento.excusarse(reclamo, por=otro.usuario, causal="17.9", fundamento="x")
    with pytest.raises(DatosInvalidos) as error:
        apartamiento.excusarse(
            reclamo, por=designado_a.conciliador.usuario, causal="99", fundamento=" "
        )
    assert set(error.value.campos) == {"causal", "fundamento"}
    assert not Excusacion.objects.exists()


def test_excusacion_en_eleccion_es_un_paso_manual_del_personal(
    designado_c, agente_admision, perfil_ana
):
    reclamo = designado_c.reclamo
    apartamiento.excusarse(
        reclamo, por=perfil_ana.usuario, causal="17.4", fundamento="Soy acreedora del proveedor."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    assert not Sorteo.objects.filter(reclamo=reclamo).exists()
    pendiente = Actuacion.objects.get(reclamo=reclamo, codigo="conciliador.redesignacion_pendiente")
    assert "Ministerio de Justicia" in pendiente.texto
    with pytest.raises(DatosInvalidos, match="apartó"):
        servicio.registrar_reemplazo(
            reclamo, por=agente_admision, conciliador=perfil_ana, referencia="DI-2026-1-MJ"
        )
    reemplazo = crear_conciliador("R-0001")
    with pytest.raises(DatosInvalidos, match="Ministerio"):
        servicio.registrar_reemplazo(
            reclamo, por=agente_admision, conciliador=reemplazo, referencia=" "
        )
    nueva = servicio.registrar_reemplazo(
        reclamo, por=agente_admision, conciliador=reemplazo, referencia="DI-2026-1-MJ"
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    assert nueva.reemplazo_ministerio and nueva.metodo == "c"
    assert nueva.referencia == "DI-2026-1-MJ"


def test_en_sorteo_no_hay_reemplazo_manual(designado_a, monkeypatch, agente_admision):
    reclamo = designado_a.reclamo
    excusado = designado_a.conciliador
    monkeypatch.setattr(disponibilidad, "_FUNCIONES", [lambda r: [excusado]])
    apartamiento.excusarse(reclamo, por=excusado.usuario, causal="17.9", fundamento="Amistad.")
    with pytest.raises(ConflictoDeEstado, match="nuevo sorteo"):
        servicio.registrar_reemplazo(
            reclamo, por=agente_admision, conciliador=crear_conciliador(), referencia="x"
        )


# --- Recusación ------------------------------------------------------------------------------


def _recusar(reclamo, por, causal="17.10"):
    return apartamiento.recusar(
        reclamo, por=por, causal=causal, fundamento="Enemistad manifiesta con mi abogado."
    )


def test_la_recusacion_suspende_el_procedimiento_y_abre_ar06(
    designado_a, consumidora, django_capture_on_commit_callbacks, mailoutbox
):
    reclamo = designado_a.reclamo
    hoy = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        recusacion = _recusar(reclamo, consumidora)
    pausa = Pausa.objects.get(reclamo=reclamo)
    assert pausa.tipo == Pausa.Tipo.RECUSACION and pausa.hasta is None
    assert recusacion.pausa == pausa
    for tipo in ("AR-05", "AR-07"):
        plazo = _plazo(reclamo, tipo)
        assert plazo.estado == Plazo.Estado.SUSPENDIDO
        assert plazo.suspensiones.get().desde == hoy
    # The conciliator learns of it through the portal: deemed notified the next day (art. 4).
    ar06a, ar06b = _plazo(reclamo, "AR-06a"), _plazo(reclamo, "AR-06b")
    assert ar06a.estado == Plazo.Estado.CORRIENDO and ar06a.inicio == hoy + datetime.timedelta(1)
    assert ar06b.estado == Plazo.Estado.CORRIENDO and ar06b.inicio == hoy
    assert {"recusacion.presentada", "pausa.abierta"} <= set(_codigos(reclamo))
    assert any(designado_a.conciliador.usuario.email in m.to for m in mailoutbox)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO  # a pause, not a state (Decision 9)
    with pytest.raises(ConflictoDeEstado, match="Ya hay una recusación"):
        _recusar(reclamo, consumidora)
    with pytest.raises(ConflictoDeEstado, match="recusación en trámite"):
        apartamiento.excusarse(
            reclamo, por=designado_a.conciliador.usuario, causal="30", fundamento="x"
        )


def test_el_recusado_responde_por_escrito_en_ar06a(designado_a, consumidora, cinco_conciliadores):
    reclamo = designado_a.reclamo
    recusacion = _recusar(reclamo, consumidora)
    otro = next(c for c in cinco_conciliadores if c != designado_a.conciliador)
    with pytest.raises(AccesoDenegado):
        apartamiento.responder_recusacion(recusacion, por=otro.usuario, acepta=True, texto="x")
    with pytest.raises(DatosInvalidos):
        apartamiento.responder_recusacion(
            recusacion, por=designado_a.conciliador.usuario, acepta=False, texto=" "
        )
    apartamiento.responder_recusacion(
        recusacion, por=designado_a.conciliador.usuario, acepta=False, texto="No hay enemistad."
    )
    assert recusacion.respuesta == Recusacion.Respuesta.NO_ACEPTA
    assert _plazo(reclamo, "AR-06a").estado == Plazo.Estado.CUMPLIDO
    assert _plazo(reclamo, "AR-06b").estado == Plazo.Estado.CORRIENDO
    with pytest.raises(ConflictoDeEstado):
        apartamiento.responder_recusacion(
            recusacion, por=designado_a.conciliador.usuario, acepta=True, texto="Cambio."
        )


def test_rechazada_el_procedimiento_sigue_y_la_decision_es_final(
    designado_a, consumidora, agente_admision
):
    reclamo = designado_a.reclamo
    recusacion = _recusar(reclamo, consumidora)
    with pytest.raises(AccesoDenegado):
        apartamiento.decidir_recusacion(recusacion, por=consumidora, admitida=True, fundamentos="x")
    with pytest.raises(DatosInvalidos):
        apartamiento.decidir_recusacion(
            recusacion, por=agente_admision, admitida=False, fundamentos=" "
        )
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=False, fundamentos="No se probó la enemistad."
    )
    assert recusacion.estado == Recusacion.Estado.RECHAZADA
    assert Pausa.objects.get(reclamo=reclamo).hasta is not None
    for tipo in ("AR-05", "AR-07"):
        assert _plazo(reclamo, tipo).estado == Plazo.Estado.CORRIENDO
    assert _plazo(reclamo, "AR-06b").estado == Plazo.Estado.CUMPLIDO
    designado_a.refresh_from_db()
    assert designado_a.activa
    assert (
        "irrecurrible" in Actuacion.objects.get(reclamo=reclamo, codigo="recusacion.decidida").texto
    )
    with pytest.raises(ConflictoDeEstado, match="ya fue resuelta"):
        apartamiento.decidir_recusacion(
            recusacion, por=agente_admision, admitida=True, fundamentos="Lo pienso de nuevo."
        )


def test_al_resolverla_no_se_reanuda_lo_que_suspendio_otra_pausa(
    designado_a, consumidora, agente_admision
):
    from plazos.services import suspender_plazos

    reclamo = designado_a.reclamo
    suspender_plazos(
        sujeto=reclamo,
        tipos=["AR-07"],
        desde=timezone.localdate(),
        motivo="Búsqueda del domicilio del proveedor",
    )
    recusacion = _recusar(reclamo, consumidora)
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=False, fundamentos="Sin pruebas."
    )
    assert _plazo(reclamo, "AR-05").estado == Plazo.Estado.CORRIENDO
    assert _plazo(reclamo, "AR-07").estado == Plazo.Estado.SUSPENDIDO


def test_admitida_en_sorteo_se_sortea_otro_sin_el_recusado(designado_a, proveedor, agente_admision):
    reclamo = designado_a.reclamo
    recusado = designado_a.conciliador
    recusacion = _recusar(reclamo, proveedor, causal="17.3")
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=True, fundamentos="Pleito pendiente probado."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    nueva = Designacion.objects.get(reclamo=reclamo, activa=True)
    assert nueva.conciliador != recusado and nueva.sorteo.ronda == 2
    assert recusado.matricula not in {f["matricula"] for f in nueva.sorteo.padron}
    designado_a.refresh_from_db()
    assert designado_a.fin == Designacion.Fin.RECUSACION
    assert Pausa.objects.get(reclamo=reclamo).hasta is not None


def test_admitida_en_eleccion_queda_el_paso_manual(designado_c, consumidora, agente_admision):
    reclamo = designado_c.reclamo
    recusacion = _recusar(reclamo, consumidora)
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=True, fundamentos="Enemistad probada."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    assert "conciliador.redesignacion_pendiente" in _codigos(reclamo)


def test_recusacion_desde_el_reclamo(client, designado_a, consumidora, extrano, agente_admision):
    reclamo = designado_a.reclamo
    url = reverse("conciliadores:recusar", args=[reclamo.pk])
    client.force_login(extrano)
    assert client.get(url).status_code == 404
    client.force_login(consumidora)
    html = client.post(url, {"causal": "", "fundamento": "Algo"}).content.decode()
    assert "Revisá lo que cargaste" in html and "Algo" in html
    assert client.post(url, {"causal": "17.10", "fundamento": "Enemistad."}).status_code == 302
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Recusación en trámite: el procedimiento está suspendido." in detalle
    assert "Recusar al conciliador" not in detalle

    recusacion = Recusacion.objects.get(reclamo=reclamo)
    client.force_login(designado_a.conciliador.usuario)
    url = reverse("conciliadores:responder_recusacion", args=[recusacion.pk])
    assert client.post(url, {"acepta": "no", "texto": "No corresponde."}).status_code == 302

    client.force_login(agente_admision)
    assert recusacion.reclamo.numero in client.get(reverse("conciliadores:cola")).content.decode()
    url = reverse("conciliadores:decidir_recusacion", args=[recusacion.pk])
    datos = {"decision": "rechazar", "fundamentos": "Sin pruebas."}
    assert client.post(url, datos).status_code == 302
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Recusaciones resueltas" in detalle and "decisión irrecurrible" in detalle


def test_excusacion_desde_el_reclamo(client, designado_c, perfil_ana, consumidora):
    reclamo = designado_c.reclamo
    url = reverse("conciliadores:excusarse", args=[reclamo.pk])
    client.force_login(consumidora)
    assert client.get(url).status_code == 403
    client.force_login(perfil_ana.usuario)
    html = client.get(url).content.decode()
    assert "Graves motivos de decoro o delicadeza (CPCCN art. 30)" in html
    assert client.post(url, {"causal": "30", "fundamento": "Decoro."}).status_code == 302
    client.force_login(consumidora)
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Excusaciones" in detalle and "Ministerio de Justicia" in detalle
