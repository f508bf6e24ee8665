"""PE-03: sheets, proposals, answers and events are kept (≥ 2 years): the portal refuses to delete
them through the ORM, the admin and the API, and the timeline cannot be rewritten."""

import datetime as dt

import pytest
from django.db.models.deletion import ProtectedError

from libro import services
from libro.models import BorradoProhibido, EventoHoja, Hoja, Libro, Propuesta, Respuesta
from tests.libro.conftest import viajar

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoja_completa(hoja_del_5_de_octubre, representante_pe):
    hoja = hoja_del_5_de_octubre
    with viajar(2026, 10, 15):
        services.enviar_propuesta(hoja, texto="Cambio del producto.", por=representante_pe)
    with viajar(2026, 10, 16):
        services.rechazar_propuesta(hoja)
    with viajar(2026, 10, 19):
        services.responder_hoja(hoja, texto="Respuesta formal.", por=representante_pe)
    return hoja


def _cuentas():
    return (
        Hoja.objects.count(),
        Propuesta.objects.count(),
        Respuesta.objects.count(),
        EventoHoja.objects.count(),
    )


def test_el_orm_no_borra_hojas_propuestas_respuestas_ni_eventos(hoja_completa):
    antes = _cuentas()
    for objeto in (
        hoja_completa,
        hoja_completa.propuesta,
        hoja_completa.respuesta,
        hoja_completa.eventos.first(),
        hoja_completa.libro,
    ):
        with pytest.raises(BorradoProhibido):
            objeto.delete()
    for modelo in (Hoja, Propuesta, Respuesta, EventoHoja, Libro):
        with pytest.raises(BorradoProhibido):
            modelo.objects.all().delete()
    with pytest.raises(BorradoProhibido):
        hoja_completa.eventos.all().delete()
    assert _cuentas() == antes


def test_borrar_el_proveedor_no_arrastra_sus_hojas(hoja_completa):
    with pytest.raises(ProtectedError):
        hoja_completa.libro.organizacion.delete()
    assert Hoja.objects.filter(pk=hoja_completa.pk).exists()


def test_la_linea_de_tiempo_no_se_reescribe(hoja_completa):
    evento = hoja_completa.eventos.first()
    evento.texto = "Otra cosa"
    with pytest.raises(PermissionError):
        evento.save()
    with pytest.raises(PermissionError):
        EventoHoja.objects.filter(hoja=hoja_completa).update(texto="Otra cosa")
    assert not EventoHoja.objects.filter(texto="Otra cosa").exists()


def test_la_hoja_indica_hasta_cuando_se_conserva(hoja_completa):
    assert hoja_completa.conservar_hasta == dt.date(2028, 10, 5)


def test_el_admin_no_ofrece_borrar(client, administrador, hoja_completa):
    client.force_login(administrador)
    for modelo, pk in [
        ("hoja", hoja_completa.pk),
        ("propuesta", hoja_completa.propuesta.pk),
        ("respuesta", hoja_completa.respuesta.pk),
        ("eventohoja", hoja_completa.eventos.first().pk),
        ("libro", hoja_completa.libro.pk),
    ]:
        assert client.get(f"/admin/libro/{modelo}/{pk}/delete/").status_code == 403
        lista = client.get(f"/admin/libro/{modelo}/")
        assert lista.status_code == 200
        assert b"delete_selected" not in lista.content
    respuesta = client.post(
        "/admin/libro/hoja/",
        {"action": "delete_selected", "_selected_action": [hoja_completa.pk], "post": "yes"},
    )
    assert respuesta.status_code in (200, 302)
    assert Hoja.objects.filter(pk=hoja_completa.pk).exists()


def test_la_api_no_tiene_ruta_para_borrar(client, representante_pe, hoja_completa):
    client.force_login(representante_pe)
    antes = _cuentas()
    respuesta = client.delete(f"/api/v1/libro/hojas/{hoja_completa.pk}/")
    assert respuesta.status_code == 405
    assert client.delete(f"/api/v1/libro/libros/{hoja_completa.libro.pk}/").status_code == 405
    assert _cuentas() == antes
