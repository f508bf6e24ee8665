"""AR-14 (D202-I.17): the conciliator reports a closure without agreement to the Secretaría.
Filed in time it meets AR-14 and leaves no fault; filed late it is accepted, recorded as late
and flagged to the registry, never sanctioned (DOMAIN Q18)."""

import datetime as dt

import pytest
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from audiencias.models import InformeDeCierre
from audiencias.services import audiencia as servicio
from audiencias.services import informe_cierre
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.models import Sancion
from documentos.models import Documento
from plazos import barrido
from plazos.models import Plazo
from reclamos.models import Actuacion, Reclamo
from tests.audiencias.test_audiencia import _asistencia, _quien

pytestmark = pytest.mark.django_db


@pytest.fixture
def cerrado(en_la_audiencia):
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="sin_acuerdo"
    )
    return Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)


def _conciliador(reclamo):
    return reclamo.designaciones.get(activa=True).conciliador.usuario


def _ar14(reclamo):
    return Plazo.objects.get(object_id=reclamo.pk, tipo="AR-14")


def _despues_del_vencimiento(time_machine, plazo):
    time_machine.move_to(
        dt.datetime.combine(plazo.vence + dt.timedelta(days=1), dt.time(15), tzinfo=dt.UTC),
        tick=False,
    )


def _presentar(reclamo, **extra):
    datos = informe_cierre.datos_propuestos(reclamo)
    return informe_cierre.presentar_informe(
        reclamo,
        por=_conciliador(reclamo),
        motivo=extra.get("motivo", datos["motivo"]),
        resultado=extra.get("resultado", datos["resultado"]),
        otros=extra.get("otros", ""),
    )


def test_en_termino_cumple_ar14_y_no_deja_falta(cerrado, time_machine):
    informe = _presentar(cerrado, otros="Las partes piden copia.")
    plazo = _ar14(cerrado)
    assert plazo.estado == Plazo.Estado.CUMPLIDO
    assert not informe.fuera_de_plazo
    assert [p["parte"] for p in informe.partes] == ["consumidor", "proveedor"]
    assert informe.monto == cerrado.monto
    assert "sin acuerdo" in informe.resultado
    documento = Documento.objects.get(pk=informe.documento_id)
    assert documento.tipo == "informe_cierre"
    assert documento.snapshot["otros"] == "Las partes piden copia."
    assert Actuacion.objects.filter(
        reclamo=cerrado, codigo="conciliacion.informe_de_cierre"
    ).exists()
    # Days later the sweeper finds nothing to flag.
    _despues_del_vencimiento(time_machine, plazo)
    barrido.vencer_plazos()
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.CUMPLIDO and not plazo.requiere_atencion
    assert not Actuacion.objects.filter(
        reclamo=cerrado, codigo="plazo.vencido", datos__tipo="AR-14"
    ).exists()


def test_el_pdf_lleva_los_datos_del_art_17(cerrado, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        informe = _presentar(cerrado)
    documento = Documento.objects.get(pk=informe.documento_id)
    texto = " ".join(p.extract_text() for p in PdfReader(documento.archivo.open("rb")).pages)
    for rotulo in ("Partes del conflicto", "Motivo del reclamo", "Monto del reclamo"):
        assert rotulo in texto
    assert "dentro del plazo" in texto


def test_vencido_se_senala_al_registro_y_se_acepta_tarde(cerrado, time_machine, client):
    plazo = _ar14(cerrado)
    _despues_del_vencimiento(time_machine, plazo)
    barrido.vencer_plazos()
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.VENCIDO
    assert plazo.requiere_atencion  # flagged for staff (Q18), not applied
    vencido = Actuacion.objects.get(reclamo=cerrado, codigo="plazo.vencido", datos__tipo="AR-14")
    assert "Se señala al conciliador ante el Registro" in vencido.texto
    assert not Sancion.objects.exists()

    informe = _presentar(cerrado)
    assert informe.fuera_de_plazo
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.VENCIDO  # the lateness stays on record
    assert Documento.objects.get(pk=informe.documento_id).snapshot["fuera_de_plazo"] is True
    entrada = Actuacion.objects.get(reclamo=cerrado, codigo="conciliacion.informe_de_cierre")
    assert "fuera del plazo" in entrada.texto
    assert not Sancion.objects.exists()


def test_el_registro_ve_los_informes_tardios(cerrado, time_machine, client, django_user_model):
    from conciliadores.selectors import informes_de_cierre_tardios

    conciliador = cerrado.designaciones.get(activa=True).conciliador
    assert informes_de_cierre_tardios(conciliador) == []
    _despues_del_vencimiento(time_machine, _ar14(cerrado))
    barrido.vencer_plazos()
    filas = informes_de_cierre_tardios(conciliador)
    assert [(f["reclamo_numero"], f["presentado_en"]) for f in filas] == [(cerrado.numero, None)]
    _presentar(cerrado)
    assert informes_de_cierre_tardios(conciliador)[0]["presentado_en"] is not None


def test_solo_el_conciliador_designado_una_vez_y_tras_el_cierre(
    cerrado, en_la_audiencia, consumidora
):
    with pytest.raises(AccesoDenegado):
        informe_cierre.presentar_informe(cerrado, por=consumidora, motivo="x", resultado="y")
    with pytest.raises(DatosInvalidos) as error:
        _presentar(cerrado, motivo="  ")
    assert "motivo" in error.value.campos
    _presentar(cerrado)
    with pytest.raises(ConflictoDeEstado):
        _presentar(cerrado)
    assert InformeDeCierre.objects.filter(reclamo=cerrado).count() == 1


def test_sin_cierre_sin_acuerdo_no_hay_informe(en_la_audiencia):
    reclamo = en_la_audiencia.reclamo
    with pytest.raises(ConflictoDeEstado):
        informe_cierre.presentar_informe(
            reclamo, por=_quien(en_la_audiencia), motivo="x", resultado="y"
        )


def test_la_pagina_lo_ofrece_lo_presenta_y_conserva_lo_escrito(client, cerrado, consumidora):
    conciliador = _conciliador(cerrado)
    client.force_login(conciliador)
    detalle = client.get(reverse("reclamos:detalle", args=[cerrado.pk])).content.decode()
    assert "Presentar el informe de cierre" in detalle
    url = reverse("audiencias:informe_de_cierre", args=[cerrado.pk])
    pagina = client.get(url).content.decode()
    assert cerrado.objeto in pagina  # b) prefilled from the claim
    respuesta = client.post(url, {"motivo": "", "resultado": "Sin acuerdo.", "otros": "Nota."})
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Escribí el motivo" in contenido or "obligatorio" in contenido.lower()
    assert "Nota." in contenido  # nothing typed is lost
    respuesta = client.post(
        url, {"motivo": "Cobro indebido.", "resultado": "Sin acuerdo.", "otros": "Nota."}
    )
    assert respuesta.status_code == 302
    informe = InformeDeCierre.objects.get(reclamo=cerrado)
    assert informe.motivo == "Cobro indebido." and informe.otros == "Nota."
    detalle = client.get(reverse("reclamos:detalle", args=[cerrado.pk])).content.decode()
    assert "Presentaste el informe de cierre" in detalle
    client.force_login(consumidora)
    assert client.get(url).status_code in (403, 404)


def test_api_presenta_consulta_y_rechaza_el_segundo(cerrado, consumidora):
    url = f"/api/v1/reclamos/{cerrado.pk}/informe-de-cierre/"
    api = APIClient()
    api.force_authenticate(_conciliador(cerrado))
    assert api.get(url).status_code == 404
    respuesta = api.post(url, {"otros": "Sin observaciones."}, format="json")
    assert respuesta.status_code == 201, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["fuera_de_plazo"] is False
    assert cuerpo["motivo"] == cerrado.objeto
    assert cuerpo["partes"][0]["parte"] == "consumidor"
    assert cuerpo["documento"].startswith("http")
    assert api.get(url).json()["otros"] == "Sin observaciones."
    segundo = api.post(url, {}, format="json")
    assert segundo.status_code == 409 and "error" in segundo.json()
    otra = APIClient()
    otra.force_authenticate(consumidora)
    assert otra.post(url, {}, format="json").status_code in (403, 404)
