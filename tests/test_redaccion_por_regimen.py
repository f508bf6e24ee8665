"""Shared pages, documents and e-mails speak the claim's own law (issue 15, decision 0038): a CABA
denuncia and a Peruvian mediation claim, walked through a hearing with the real services, render
their pages (the parties' and the staff's), API answers, e-mails and documents, and none of them
cites COPREC's law (Ley 26.993, Decreto 202/2015) or its term codes."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from audiencias.models import Audiencia
from audiencias.services import mediacion as audiencias
from documentos.models import Documento
from documentos.pdf import html_del_documento
from normativa.regimenes.caba import CODIGO as CABA
from notificaciones.models import Notificacion
from reclamos.models import Reclamo
from reclamos.services import admision, mediacion
from sumarios.services import denuncia as servicio
from tests.reclamos.mediacion import consumidora_pe, en_mediacion, proveedor_pe
from tests.sumarios.caba import celebrar, datos_denuncia, denuncia_con_audiencia

pytestmark = pytest.mark.django_db
PERU = "PE-INDECOPI"
LIMA = ZoneInfo("America/Lima")
# COPREC's law, its regulation and its term codes ("AR-18"), never on another régimen's paper.
AJENO = re.compile(r"26\.993|202/2015|Decreto 202|\bAR-\d\d")


def _ajenos(texto: str) -> list[str]:
    return [texto[max(0, m.start() - 80) : m.end() + 40] for m in AJENO.finditer(texto)]


def _paginas(client, usuario, urls) -> dict[str, str]:
    client.force_login(usuario)
    salida = {}
    for url in urls:
        respuesta = client.get(url, follow=True)
        assert respuesta.status_code == 200, url
        salida[url] = respuesta.content.decode()
    return salida


def _api(usuario, reclamo) -> dict[str, str]:
    api = APIClient()
    api.force_authenticate(usuario)
    salida = {}
    for ruta in (
        f"/api/v1/reclamos/{reclamo.pk}/",
        f"/api/v1/reclamos/{reclamo.pk}/linea-de-tiempo/",
    ):
        respuesta = api.get(ruta)
        assert respuesta.status_code == 200, ruta
        salida[ruta] = respuesta.content.decode()
    return salida


def _correos_y_documentos() -> dict[str, str]:
    """Every e-mail and document the walk produced (the test's database holds only this
    régimen's claims)."""
    salida = {}
    for n in Notificacion.objects.all():
        salida[f"correo {n.plantilla}"] = f"{n.asunto}\n{n.cuerpo}\n{n.cuerpo_html}"
    for d in Documento.objects.all():
        salida[f"documento {d.plantilla}"] = html_del_documento(d)
    return salida


def _sin_ajenos(textos: dict[str, str]) -> None:
    encontrados = {donde: _ajenos(texto) for donde, texto in textos.items() if _ajenos(texto)}
    assert not encontrados, "\n".join(f"{k}: {v[0]!r}" for k, v in encontrados.items())


def _comunes(reclamo: Reclamo) -> list[str]:
    return [
        reverse("reclamos:detalle", args=[reclamo.pk]),
        reverse("reclamos:mis_reclamos"),
        reverse("reclamos:pendientes"),
        reverse("notificaciones:mis_notificaciones"),
        reverse("portal:inicio"),
        reverse("portal:acerca"),
    ]


@override_settings(REGIMENES_OFRECIDOS=[CABA])
def test_una_denuncia_de_caba_no_cita_la_ley_del_coprec(
    client, consumidora, funcionario, proveedor, proveedor_activo
):
    from tests.sumarios.caba import cargar_valores

    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "incomparecencia_proveedor", proveedor=False)
    reclamo = audiencia.reclamo
    cargar_valores()
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=LIMA), tick=False):
        servicio.multar_incomparecencia(
            reclamo, por=funcionario, unidades="500", fundamentos="No justificó."
        )
    otra = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(otra, funcionario, "acuerdo", texto="Cambian la heladera en 20 días hábiles.")
    # Missing documents asked for (C4): the shared admission notice, in the Ciudad's term.
    observada = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    admision.requerir_acreditacion(observada, por=funcionario, requerimiento="Adjuntá la factura.")
    correo = Notificacion.objects.get(plantilla="reclamos/requerimiento").cuerpo
    assert "Tenés 10 días hábiles. Respondé" in correo
    textos = {}
    for r in (reclamo, otra.reclamo, observada):
        textos |= _paginas(client, consumidora, _comunes(r))
        textos |= _paginas(client, funcionario, [reverse("sumarios:denuncia", args=[r.pk])])
        textos |= _api(funcionario, r)
    textos |= _paginas(
        client,
        proveedor,
        [reverse("sumarios:denuncia", args=[reclamo.pk]), reverse("reclamos:mis_reclamos")],
    )
    textos |= _correos_y_documentos()
    assert any("documento" in k for k in textos) and any("correo" in k for k in textos)
    _sin_ajenos(textos)


@override_settings(REGIMENES_OFRECIDOS=[PERU])
def test_un_reclamo_de_peru_no_cita_la_ley_del_coprec(client, funcionario):
    carmen = consumidora_pe()
    _andina, representante = proveedor_pe()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False):
        reclamo = en_mediacion(carmen, funcionario)
        mediacion.convocar_audiencia(
            reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
        )
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    proveedor_del_reclamo = reclamo.proveedores.get()
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 40, tzinfo=LIMA), tick=False):
        audiencias.celebrar_audiencia(
            audiencia,
            por=funcionario,
            asistencias=[
                {"parte": "consumidor", "comparecio": True, "nombre": "Carmen Huamán"},
                {
                    "parte": "proveedor",
                    "proveedor": proveedor_del_reclamo.pk,
                    "comparecio": True,
                    "nombre": "Jorge Salazar",
                },
            ],
            resultado="acuerdo",
            texto="Cambio de la refrigeradora en 5 días hábiles.",
        )
    textos = _paginas(client, carmen, _comunes(reclamo))
    textos |= _paginas(client, representante, [reverse("reclamos:mediacion", args=[reclamo.pk])])
    textos |= _paginas(
        client,
        funcionario,
        [reverse("reclamos:mediacion", args=[reclamo.pk]), reverse("reclamos:mediacion_bandeja")],
    )
    textos |= _api(funcionario, reclamo)
    textos |= _correos_y_documentos()
    assert any("documento" in k for k in textos) and any("correo" in k for k in textos)
    _sin_ajenos(textos)


def test_el_coprec_sigue_citando_su_propia_norma(client, consumidora, agente_admision):
    """The wording moved to the definitions: COPREC's notices and page still cite its law."""
    from reclamos.estados import Estado
    from tests.reclamos.factories import reclamo_en

    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    admision.requerir_acreditacion(reclamo, por=agente_admision, requerimiento="El DNI.")
    correo = Notificacion.objects.get(plantilla="reclamos/requerimiento").cuerpo
    assert "Tenés 10 días hábiles (Decreto 202/2015, Anexo I, art. 6)." in correo
    acerca = client.get(reverse("portal:acerca")).content.decode()
    assert "Argentina: el COPREC y su cierre" in acerca and "Ley 757" in acerca
    with override_settings(REGIMENES_OFRECIDOS=[CABA]):
        solo_caba = client.get(reverse("portal:acerca")).content.decode()
    assert "Ley 757" in solo_caba and not _ajenos(solo_caba)
