"""Browser: the homologation unit reviews an agreement whose sum is substantially lower than the
claim (the art. 12 checklist with the portal's checks and the flag), homologates it, and the
consumer and the conciliator each download their free copy of the homologated agreement."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from audiencias.models import Acuerdo, Audiencia
from audiencias.services.audiencia import _emitir, _snapshot_base
from conciliadores.models import Designacion
from reclamos.estados import Estado
from tests.conciliadores.conftest import crear_conciliador
from tests.navegador.conftest import captura
from tests.reclamos.factories import reclamo_en

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _acuerdo_en_homologacion(consumidora, proveedor_activo, *, monto_total: str):
    """A claim whose signed agreement was submitted to homologation, built directly: the
    designated conciliator, the hearing held, the Acuerdo and its acta de acuerdo."""
    reclamo = reclamo_en(
        Estado.EN_HOMOLOGACION, consumidor=consumidora, organizacion=proveedor_activo
    )
    conciliador = crear_conciliador("NAV-H001")
    Designacion.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        metodo="a",
        notificado_el=timezone.localdate() - dt.timedelta(days=20),
    )
    audiencia = Audiencia.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        inicio=timezone.now() - dt.timedelta(days=3),
        modalidad="presencial",
        lugar="Av. Julio A. Roca 651, CABA",
        estado=Audiencia.Estado.CELEBRADA,
        resultado="acuerdo",
        celebrada_en=timezone.now() - dt.timedelta(days=3),
        fijada_por=conciliador.usuario,
    )
    obligaciones = [
        {
            "descripcion": "Reintegro parcial del precio",
            "monto": monto_total,
            "fecha_cumplimiento": (timezone.localdate() + dt.timedelta(days=15)).isoformat(),
            "a_cargo": "proveedor",
        }
    ]
    acuerdo = Acuerdo.objects.create(
        audiencia=audiencia,
        reclamo=reclamo,
        terminos="El proveedor reintegra parte del precio por transferencia.",
        monto_total=Decimal(monto_total),
        obligaciones=obligaciones,
        creado_por=conciliador.usuario,
    )
    acuerdo.documento = _emitir(
        audiencia,
        tipo="acta_acuerdo",
        titulo=f"Acta de acuerdo — reclamo {reclamo.numero}",
        snapshot={
            **_snapshot_base(audiencia),
            "terminos": acuerdo.terminos,
            "monto_total": monto_total,
            "obligaciones": obligaciones,
            "honorarios_a_cargo": "proveedor",
            "requiere_ratificacion": False,
            "version": 1,
        },
        por=conciliador.usuario,
    )
    acuerdo.save(update_fields=["documento"])
    return reclamo, conciliador


def _texto_de_la_descarga(descarga) -> str:
    with open(descarga.path(), "rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


def test_lista_del_art_12_con_la_suma_inferior_homologar_y_descargar(
    pagina, ingresar_como, consumidora, proveedor_activo, homologador
):
    reclamo, conciliador = _acuerdo_en_homologacion(
        consumidora, proveedor_activo, monto_total="30000.00"
    )

    ingresar_como(homologador)
    pagina.goto("/panel/homologacion/")
    pagina.get_by_role("heading", name="Homologación de acuerdos").wait_for()
    fila = pagina.locator("tr", has_text=reclamo.numero)
    fila.get_by_role("link", name="Revisar").click()
    pagina.get_by_role(
        "heading", name=f"Acuerdo del reclamo {reclamo.numero} (versión 1)"
    ).wait_for()

    # What the portal checked, the ratio and the flag of item (d).
    suma = pagina.locator("ul.verificaciones li.suma")
    assert "razón 0.20" in suma.inner_text()
    assert suma.get_by_text("Sustancialmente inferior").is_visible()
    assert pagina.get_by_role("link", name=f"Acta de acuerdo — reclamo {reclamo.numero}").count()
    item = lambda letra: pagina.locator(f"#id_item_{letra}")  # noqa: E731
    assert item("b").is_checked()  # procedure: no cédula late, no plazo expired, no powers due
    assert item("e").is_checked()  # no earlier observations
    assert not item("d").is_checked()  # flagged: staff must decide
    assert not item("a").is_checked() and not item("c").is_checked()
    captura(pagina, "homologacion-lista-art-12")

    # Homologating with an item unticked is refused, and what was typed stays.
    pagina.get_by_label("Homologado").check()
    item("a").check()
    item("c").check()
    pagina.get_by_label("Observaciones o fundamentos").fill(
        "El reclamo incluía daños no acreditados: la suma es razonable."
    )
    pagina.get_by_role("button", name="Registrar la decisión").click()
    pagina.get_by_text("cada punto del art. 12 tiene que estar cumplido").first.wait_for()
    assert (
        "daños no acreditados" in pagina.get_by_label("Observaciones o fundamentos").input_value()
    )

    item("d").check()
    pagina.get_by_role("button", name="Registrar la decisión").click()
    pagina.get_by_text("Registraste la decisión de homologación.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CUMPLIMIENTO
    pagina.get_by_role("button", name="Salir").click()

    for persona in (consumidora, conciliador.usuario):
        ingresar_como(persona)
        pagina.goto(f"/reclamos/{reclamo.pk}/")
        enlace = pagina.get_by_role(
            "link", name="Descargar el acuerdo homologado (ejemplar gratuito)"
        )
        with pagina.expect_download() as espera:
            enlace.click()
        texto = _texto_de_la_descarga(espera.value)
        for dato in ("Acuerdo homologado", reclamo.numero, "Reintegro parcial del precio"):
            assert dato in texto, dato
        if persona == consumidora:
            captura(pagina, "homologacion-consumidora-descarga")
        pagina.get_by_role("button", name="Salir").click()
    assert pagina.problemas == []
