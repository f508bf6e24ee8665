"""Homologation: submit, the art. 12 checklist with the portal's checks, homologate, observe and
resubmit, deny."""

import pytest

from audiencias.models import Acuerdo, RevisionHomologacion
from audiencias.services import audiencia as servicio
from audiencias.services import homologacion
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from documentos.models import Documento
from reclamos.estados import Estado
from tests.audiencias.test_audiencia import _asistencia, _quien

pytestmark = pytest.mark.django_db
TODO_OK = dict.fromkeys("abcde", True)


def firmar_acuerdo(audiencia, *, monto_total="150000", apoderado=False):
    _asistencia(audiencia, apoderado=apoderado)
    conciliador = _quien(audiencia)
    servicio.registrar_resultado(
        audiencia,
        por=conciliador,
        resultado="acuerdo",
        acuerdo={
            "terminos": "Cambio del equipo y reintegro.",
            "monto_total": monto_total,
            "obligaciones": [
                {
                    "descripcion": "Reintegro",
                    "monto": monto_total,
                    "fecha_cumplimiento": "2026-03-31",
                }
            ],
        },
    )
    acuerdo = Acuerdo.objects.get(reclamo=audiencia.reclamo)
    proveedor = audiencia.reclamo.proveedores.get()
    servicio.firmar_acuerdo(
        acuerdo, por=conciliador, parte="consumidor", metodo="presencial", nombre="Lucía"
    )
    servicio.firmar_acuerdo(
        acuerdo,
        por=conciliador,
        parte="proveedor",
        proveedor=proveedor,
        metodo="presencial",
        nombre="Martín",
    )
    servicio.firmar_acuerdo(acuerdo, por=conciliador, parte="conciliador", metodo="en_linea")
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ACUERDO_FIRMADO
    return reclamo, conciliador


def test_homologar_emite_el_acuerdo_homologado(en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_HOMOLOGACION
    with pytest.raises(DatosInvalidos):
        homologacion.decidir(
            reclamo, por=homologador, decision="homologado", lista={**TODO_OK, "c": False}
        )
    revision = homologacion.decidir(reclamo, por=homologador, decision="homologado", lista=TODO_OK)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CUMPLIMIENTO
    assert revision.verificaciones["procedimiento_ok"] is True
    assert revision.verificaciones["suma_sustancialmente_inferior"] is False
    assert Documento.objects.get(sujeto_id=reclamo.pk, tipo="homologacion") == revision.documento
    # The agreed obligations reach the art. 19 stage (reclamos reads them from the act).
    from reclamos.services import cumplimiento

    assert cumplimiento.obligaciones_acordadas(reclamo) == revision.acuerdo.obligaciones
    assert cumplimiento.acuerdo_homologado(reclamo) == revision.documento


def test_la_suma_sustancialmente_inferior_se_marca(en_la_audiencia):
    reclamo, _c = firmar_acuerdo(en_la_audiencia, monto_total="30000")
    datos = homologacion.verificaciones(reclamo, homologacion.acuerdo_vigente(reclamo))
    assert (datos["razon_suma"], datos["suma_sustancialmente_inferior"]) == ("0.20", True)


def test_observar_y_volver_a_elevar_guarda_cada_ronda(en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    with pytest.raises(DatosInvalidos):
        homologacion.decidir(reclamo, por=homologador, decision="observado", lista=TODO_OK)
    homologacion.decidir(
        reclamo,
        por=homologador,
        decision="observado",
        lista={**TODO_OK, "a": False},
        fundamentos="Falta el plazo de entrega del equipo.",
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.OBSERVADO
    nuevo = homologacion.corregir_acuerdo(
        reclamo,
        por=conciliador,
        terminos="Cambio del equipo en 10 días y reintegro.",
        obligaciones=[{"descripcion": "Cambio del equipo", "fecha_cumplimiento": "2026-03-25"}],
    )
    reclamo.refresh_from_db()
    assert (reclamo.estado, nuevo.version, nuevo.reemplaza.version) == (
        Estado.EN_HOMOLOGACION,
        2,
        1,
    )
    homologacion.decidir(reclamo, por=homologador, decision="homologado", lista=TODO_OK)
    assert RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo).count() == 2


def test_denegar_cierra_sin_acuerdo(en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    homologacion.decidir(
        reclamo,
        por=homologador,
        decision="denegado",
        lista={**TODO_OK, "c": False},
        fundamentos="Renuncia a derechos del consumidor.",
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO


def test_la_denegacion_emite_el_acta_de_cierre_que_usan_los_honorarios(
    en_la_audiencia, homologador
):
    """T36 counts as no agreement (D202-I.17): the acta de cierre is issued, with the denial as
    its cause and the last hearing's date, and it is the title the fee path certifies (AR-16)."""
    from honorarios.services.honorarios import acta_de_cierre

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    assert not Documento.objects.filter(sujeto_id=reclamo.pk, tipo="acta_cierre").exists()
    homologacion.elevar(reclamo, por=conciliador)
    homologacion.decidir(
        reclamo,
        por=homologador,
        decision="denegado",
        lista={**TODO_OK, "c": False},
        fundamentos="Renuncia a derechos del consumidor.",
    )
    cierre = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_cierre")
    assert cierre.snapshot["causa"] == (
        "Homologación denegada (art. 12): Renuncia a derechos del consumidor."
    )
    assert cierre.snapshot["ultima_audiencia"] == "10/03/2026"
    assert acta_de_cierre(reclamo) == cierre


def test_sin_ratificacion_no_se_eleva(en_la_audiencia):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, apoderado=True)
    with pytest.raises(ConflictoDeEstado):
        homologacion.elevar(reclamo, por=conciliador)
    homologacion.ratificar_acuerdo(reclamo, por=conciliador, detalle="Ratificó la apoderada")
    homologacion.elevar(reclamo, por=conciliador)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_HOMOLOGACION


def test_la_pagina_de_revision_marca_la_suma_inferior_y_decide(
    client, en_la_audiencia, homologador, consumidora
):
    from django.urls import reverse

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, monto_total="30000")
    client.force_login(conciliador)
    assert client.post(reverse("audiencias:elevar_acuerdo", args=[reclamo.pk])).status_code == 302
    client.force_login(homologador)
    cola = client.get(reverse("audiencias:cola_homologacion")).content.decode()
    assert reclamo.numero in cola
    url = reverse("audiencias:revisar_homologacion", args=[reclamo.pk])
    html = client.get(url).content.decode()
    assert "Sustancialmente inferior" in html and "razón 0.20" in html
    respuesta = client.post(url, {"decision": "observado", "item_a": "on"})
    assert "Escribí las observaciones" in respuesta.content.decode()
    datos = {"decision": "homologado", **{f"item_{k}": "on" for k in "abcde"}}
    assert client.post(url, datos).status_code == 302
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CUMPLIMIENTO
    client.force_login(consumidora)
    assert client.get(reverse("audiencias:cola_homologacion")).status_code == 403
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Acuerdo homologado" in detalle


def test_las_decisiones_llegan_al_conciliador_y_a_las_partes(
    en_la_audiencia, homologador, consumidora, proveedor
):
    from notificaciones.models import Notificacion

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    homologacion.decidir(
        reclamo,
        por=homologador,
        decision="observado",
        lista={**TODO_OK, "e": False},
        fundamentos="Falta el plazo de entrega del equipo.",
    )
    avisos = Notificacion.objects.filter(plantilla="audiencias/homologacion")
    assert {a.destinatario_id for a in avisos} == {conciliador.pk, consumidora.pk, proveedor.pk}
    assert all("Falta el plazo de entrega del equipo." in a.cuerpo for a in avisos)
    assert "elevá el acuerdo corregido" in avisos.get(destinatario=conciliador).cuerpo


def test_observado_solo_vuelve_con_el_texto_corregido(en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    homologacion.decidir(
        reclamo, por=homologador, decision="observado", lista=TODO_OK, fundamentos="Plazo."
    )
    with pytest.raises(ConflictoDeEstado, match="corregido"):
        homologacion.elevar(reclamo, por=conciliador)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.OBSERVADO


def test_la_pagina_del_reclamo_lleva_cada_paso(
    client,
    en_la_audiencia,
    homologador,
    consumidora,
    django_capture_on_commit_callbacks,
):
    from django.urls import reverse

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, apoderado=True)
    detalle = reverse("reclamos:detalle", args=[reclamo.pk])
    elevar = reverse("audiencias:elevar_acuerdo", args=[reclamo.pk])
    client.force_login(consumidora)
    html = client.get(detalle).content.decode()
    assert "Homologación del acuerdo" in html and elevar not in html
    client.force_login(conciliador)
    html = client.get(detalle).content.decode()
    assert elevar in html and 'name="ratificacion"' in html
    client.post(elevar, {"ratificacion": "Ratificó el apoderado ante mí"})
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_HOMOLOGACION

    client.force_login(homologador)
    revisar = reverse("audiencias:revisar_homologacion", args=[reclamo.pk])
    assert revisar in client.get(detalle).content.decode()
    html = client.get(revisar).content.decode()
    # The portal pre-checks (b) procedure, (d) sum not flagged, (e) no earlier observations.
    for clave in "bde":
        assert f'name="item_{clave}" id="id_item_{clave}" checked' in html, clave
    for clave in "ac":
        assert f'name="item_{clave}" id="id_item_{clave}" checked' not in html, clave
    assert "Acta de acuerdo" in html  # the other actas are listed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(revisar, {"decision": "homologado", **{f"item_{k}": "on" for k in "abcde"}})
    client.force_login(consumidora)
    html = client.get(detalle).content.decode()
    assert "Descargar el acuerdo homologado (ejemplar gratuito)" in html
    documento = Documento.objects.get(sujeto_id=reclamo.pk, tipo="homologacion")
    respuesta = client.get(reverse("documentos:descargar", args=[documento.pk]))
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF-")


def test_api_de_homologacion(en_la_audiencia, homologador, consumidora):
    from rest_framework.test import APIClient

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, monto_total="30000")
    api = APIClient()
    api.force_authenticate(consumidora)
    assert api.get("/api/v1/homologacion/").status_code == 403
    assert api.post(f"/api/v1/reclamos/{reclamo.pk}/homologacion/elevar/").status_code == 403
    api.force_authenticate(conciliador)
    respuesta = api.post(f"/api/v1/reclamos/{reclamo.pk}/homologacion/elevar/", {}, format="json")
    assert respuesta.json()["estado"] == Estado.EN_HOMOLOGACION

    api.force_authenticate(homologador)
    cola = api.get("/api/v1/homologacion/").json()
    assert [r["numero"] for r in cola["results"]] == [reclamo.numero]
    revision = api.get(f"/api/v1/reclamos/{reclamo.pk}/homologacion/").json()
    assert revision["verificaciones"]["suma_sustancialmente_inferior"] is True
    assert revision["verificaciones"]["razon_suma"] == "0.20"
    url = f"/api/v1/reclamos/{reclamo.pk}/homologacion/"
    respuesta = api.post(url, {"decision": "denegado", "lista": TODO_OK}, format="json")
    assert respuesta.status_code == 400
    assert "fundamentos" in respuesta.json()["error"]["campos"]
    respuesta = api.post(url, {"decision": "homologado", "lista": TODO_OK}, format="json")
    assert respuesta.status_code == 201
    assert respuesta.json()["documento"]["codigo_verificacion"]
    assert (
        api.post(url, {"decision": "homologado", "lista": TODO_OK}, format="json").status_code
        == 409
    )

    api.force_authenticate(consumidora)
    vista = api.get(url).json()
    assert "verificaciones" not in vista and vista["revisiones"][0]["decision"] == "homologado"


def test_ar13_corre_desde_la_elevacion_y_avisa_a_homologacion(en_la_audiencia, homologador):
    from plazos import registro
    from plazos.models import Plazo

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia)
    homologacion.elevar(reclamo, por=conciliador)
    plazo = Plazo.objects.get(object_id=reclamo.pk, tipo="AR-13")
    assert plazo.estado == Plazo.Estado.CORRIENDO
    assert homologador in registro.responsables(plazo)
    homologacion.decidir(reclamo, por=homologador, decision="homologado", lista=TODO_OK)
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.CUMPLIDO


def test_la_revision_lee_las_rondas_y_el_umbral_una_vez(client, en_la_audiencia, homologador):
    """Decision 0043: the earlier rounds are listed and counted for item (e) from one read, and
    the threshold the checks used is the one shown."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, monto_total="30000")
    homologacion.elevar(reclamo, por=conciliador)
    homologacion.decidir(
        reclamo,
        por=homologador,
        decision="observado",
        lista={**TODO_OK, "a": False},
        fundamentos="Falta el plazo de entrega del equipo.",
    )
    homologacion.corregir_acuerdo(
        reclamo,
        por=conciliador,
        terminos="Cambio del equipo en 10 días y reintegro.",
        obligaciones=[{"descripcion": "Cambio del equipo", "fecha_cumplimiento": "2026-03-25"}],
    )
    client.force_login(homologador)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(reverse("audiencias:revisar_homologacion", args=[reclamo.pk]))
    html = respuesta.content.decode()
    assert "Falta el plazo de entrega del equipo." in html  # the earlier round, listed
    assert 'name="item_e" id="id_item_e" checked' not in html  # and counted
    assert respuesta.context["umbral"] == homologacion.umbral_suma()
    tablas = [c["sql"].split(" FROM ")[1].split()[0] for c in consultas if " FROM " in c["sql"]]
    assert tablas.count('"audiencias_revisionhomologacion"') == 1
    assert tablas.count('"normativa_valorreferencia"') == 1
