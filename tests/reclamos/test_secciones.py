"""Downstream apps add sections to the claim page without reclamos importing them."""

import pytest
from django.urls import reverse

from reclamos import secciones
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


@pytest.fixture
def seccion_de_prueba(monkeypatch, tmp_path, settings):
    monkeypatch.setattr(secciones, "_SECCIONES", list(secciones._SECCIONES))
    (tmp_path / "prueba").mkdir()
    (tmp_path / "prueba" / "_seccion.html").write_text(
        "<section id='prueba'>{{ contexto.saludo }} {{ contexto.reclamo.numero }}</section>"
    )
    # Assigning the setting (not mutating it) makes Django rebuild its template engines.
    motor = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [motor, *settings.TEMPLATES[1:]]
    vistos = []

    def contexto(request, reclamo):
        vistos.append(request.user)
        return {"saludo": "Hola"} if request.user == reclamo.consumidor else None

    secciones.registrar_seccion("prueba/_seccion.html", contexto)
    return vistos


def test_la_seccion_registrada_aparece_solo_para_quien_la_ve(
    client, seccion_de_prueba, consumidora, proveedor_activo, agente_admision
):
    reclamo_de_lucia = reclamo_en(
        Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo
    )
    url = reverse("reclamos:detalle", args=[reclamo_de_lucia.pk])
    client.force_login(reclamo_de_lucia.consumidor)
    assert f"Hola {reclamo_de_lucia.numero}" in client.get(url).content.decode()
    client.force_login(agente_admision)
    assert "id='prueba'" not in client.get(url).content.decode()
