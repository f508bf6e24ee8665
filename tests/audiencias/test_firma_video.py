"""A video hearing refuses "firma presencial": each party signs online (issue 16 item 10)."""

import pytest
from django.urls import reverse

from audiencias.models import Acuerdo, Audiencia, Firma
from audiencias.services import audiencia as servicio
from conciliacion.errores import DatosInvalidos
from tests.audiencias.test_audiencia import _asistencia, _quien


@pytest.fixture
def acuerdo_por_video(en_la_audiencia):
    Audiencia.objects.filter(pk=en_la_audiencia.pk).update(modalidad="video")
    en_la_audiencia.refresh_from_db()
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        resultado="acuerdo",
        acuerdo={
            "terminos": "Cambio",
            "obligaciones": [{"descripcion": "Cambio", "fecha_cumplimiento": "2026-03-20"}],
        },
    )
    return Acuerdo.objects.get(audiencia=en_la_audiencia)


def test_audiencia_por_video_rechaza_firma_presencial(acuerdo_por_video, consumidora):
    conciliador = _quien(acuerdo_por_video.audiencia)
    with pytest.raises(DatosInvalidos, match="por video"):
        servicio.firmar_acuerdo(
            acuerdo_por_video, por=conciliador, parte="consumidor", metodo="presencial", nombre="X"
        )
    proveedor = acuerdo_por_video.reclamo.proveedores.get()
    with pytest.raises(DatosInvalidos):
        servicio.firmar_acuerdo(
            acuerdo_por_video,
            por=conciliador,
            parte="proveedor",
            proveedor=proveedor,
            metodo="presencial",
            nombre="Y",
        )
    assert not Firma.objects.exists()
    firma = servicio.firmar_acuerdo(
        acuerdo_por_video, por=consumidora, parte="consumidor", metodo="en_linea"
    )
    assert firma.metodo == "en_linea"


def test_la_pagina_de_la_audiencia_por_video_no_ofrece_firma_presencial(client, acuerdo_por_video):
    audiencia = acuerdo_por_video.audiencia
    client.force_login(_quien(audiencia))
    url = reverse("audiencias:audiencia", args=[audiencia.pk])
    html = client.get(url).content.decode()
    assert "Registrar firma presencial" not in html
    respuesta = client.post(
        url,
        {"paso": "firma", "acuerdo": acuerdo_por_video.pk, "parte": "consumidor", "nombre": "X"},
    )
    assert respuesta.status_code in (200, 400)
    assert "por video" in respuesta.content.decode()
    assert not Firma.objects.exists()
