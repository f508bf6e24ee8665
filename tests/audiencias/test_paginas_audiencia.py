"""The conciliator's hearing page, the online signature and the justification page."""

import pytest
from django.urls import reverse

from audiencias.models import Acuerdo, Firma
from reclamos.estados import Estado
from tests.audiencias.test_audiencia import _asistencia, _quien
from tests.conftest import CONTRASENA

pytestmark = pytest.mark.django_db


def _asistir(client, audiencia, prefijo, **datos):
    base = {"paso": "asistencia", "prefijo": prefijo}
    return client.post(
        reverse("audiencias:audiencia", args=[audiencia.pk]),
        base | {f"{prefijo}-{k}": v for k, v in datos.items()},
    )


def test_el_conciliador_conduce_la_audiencia_hasta_el_cierre(client, en_la_audiencia):
    reclamo = en_la_audiencia.reclamo
    proveedor = reclamo.proveedores.get()
    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    assert "1. Asistencia" in client.get(url).content.decode()
    respuesta = _asistir(
        client,
        en_la_audiencia,
        "consumidor-0",
        parte="consumidor",
        comparecio="1",
        nombre="Lucía",
        caracter="personal",
        modo="presencial",
    )
    assert respuesta.status_code == 302
    # An attorney without the power checks: the page says why and nothing is stored.
    respuesta = _asistir(
        client,
        en_la_audiencia,
        f"proveedor-{proveedor.pk}",
        parte="proveedor",
        proveedor=proveedor.pk,
        comparecio="1",
        nombre="Gestor",
        caracter="apoderado",
        modo="presencial",
    )
    assert respuesta.status_code == 200
    assert "gestión de negocios" in respuesta.content.decode()
    _asistir(
        client,
        en_la_audiencia,
        f"proveedor-{proveedor.pk}",
        parte="proveedor",
        proveedor=proveedor.pk,
        comparecio="1",
        nombre="Martín",
        caracter="representante_legal",
        modo="presencial",
    )
    respuesta = client.post(
        url,
        {
            "paso": "resultado",
            "resultado": "sin_acuerdo",
            "observaciones": "Sin acuerdo sobre el monto.",
        },
    )
    assert respuesta.status_code == 302
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Acta de cierre sin acuerdo" in detalle


def test_otra_persona_no_entra_a_la_audiencia(client, en_la_audiencia, consumidora, extrano):
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    client.force_login(consumidora)
    assert client.get(url).status_code == 403
    client.force_login(extrano)
    assert client.get(url).status_code == 404


def test_firma_en_linea_con_reautenticacion(client, en_la_audiencia, consumidora):
    from audiencias.services import audiencia as servicio

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
    acuerdo = Acuerdo.objects.get()
    client.force_login(consumidora)
    detalle = client.get(reverse("reclamos:detalle", args=[acuerdo.reclamo_id])).content.decode()
    assert "Firmar el acuerdo en línea" in detalle
    url = reverse("audiencias:firmar", args=[acuerdo.pk])
    respuesta = client.post(url, {"contrasena": "equivocada"})
    assert "La contraseña no es correcta." in respuesta.content.decode()
    assert not Firma.objects.exists()
    assert client.post(url, {"contrasena": CONTRASENA}).status_code == 302
    firma = Firma.objects.get()
    assert (firma.usuario, firma.metodo) == (consumidora, "en_linea")
