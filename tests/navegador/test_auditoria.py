"""Browser, on a 360 px phone: the consumer files a claim to the Auditoría en las Relaciones de
Consumo after a closure without agreement (in a deployment that enables it), and the Auditor
gives notice to the provider and resolves it (decision 0028). Every page: no sideways scroll and
no critical or serious axe-core violation."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from auditoria import services
from auditoria.models import ReclamoAuditoria
from cuentas.roles import Rol
from normativa.models import HabilitacionAuditoria, ValorReferencia
from reclamos.estados import Estado
from tests.conftest import crear_usuario
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe
from tests.reclamos.factories import reclamo_en

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _revisar(pagina, nombre):
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == [], nombre
    captura(pagina, f"auditoria-{nombre}")


def test_la_consumidora_reclama_ante_la_auditoria_y_el_auditor_resuelve(
    pagina, ingresar_como, consumidora, proveedor_activo, proveedor
):
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2025, 1, 1), valor=Decimal("322000"), fuente="Prueba"
    )
    HabilitacionAuditoria.objects.create(
        regimen="COPREC",
        vigente_desde=dt.date(2026, 1, 1),
        habilitada=True,
        fuente="Ley provincial de prueba",
    )
    auditor = crear_usuario("auditora@consumo.example", Rol.AUDITOR)
    reclamo = reclamo_en(
        Estado.CERRADO_SIN_ACUERDO, consumidor=consumidora, organizacion=proveedor_activo
    )
    pagina.set_viewport_size({"width": 360, "height": 740})

    # The consumer finds the option on the closed claim and files it.
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Reclamar ante la Auditoría").click()
    pagina.get_by_role(
        "heading", name="Reclamar ante la Auditoría en las Relaciones de Consumo"
    ).wait_for()
    assert pagina.get_by_label("Qué pedís").input_value() == reclamo.objeto
    _revisar(pagina, "reclamar")
    pagina.get_by_label("Monto que reclamás (en pesos)").fill("9000000")
    pagina.get_by_label(re.compile("Prueba que ofrecés")).fill("Factura y garantía.")
    pagina.get_by_role("button", name="Presentar el reclamo ante la Auditoría").click()
    # Above 15 SMVM: refused with the reason, what was typed stays.
    pagina.get_by_text("Supera el tope de la Auditoría.").first.wait_for()
    assert pagina.get_by_label(re.compile("Prueba que ofrecés")).input_value() == (
        "Factura y garantía."
    )
    _revisar(pagina, "reclamar-excede")
    pagina.get_by_label("Monto que reclamás (en pesos)").fill("150000")
    pagina.get_by_role("button", name="Presentar el reclamo ante la Auditoría").click()
    pagina.get_by_text("Presentaste tu reclamo ante la Auditoría.").wait_for()
    _revisar(pagina, "presentado")
    pagina.get_by_role("button", name="Salir").click()

    # The Auditor (with MFA) gives notice to the provider.
    ingresar_como(auditor)
    pagina.goto("/auditoria/")
    _revisar(pagina, "bandeja")
    pagina.get_by_role("link", name="Abrir").click()
    pagina.get_by_role("button", name="Dar traslado al proveedor").click()
    pagina.get_by_text("Diste traslado al proveedor.").wait_for()
    _revisar(pagina, "traslado")

    # The provider answers (its own page is covered by the service tests).
    aud = ReclamoAuditoria.objects.get(reclamo=reclamo)
    services.contestar(aud, por=proveedor, texto="El equipo funciona correctamente.")

    pagina.reload()
    pagina.get_by_role("heading", name="Dictar la resolución").wait_for()
    pagina.get_by_label("Hace lugar al reclamo").check()
    pagina.get_by_label(re.compile("Monto que se ordena pagar")).fill("150000")
    pagina.get_by_label(re.compile("Antecedentes y fundamentos")).fill(
        "La factura prueba la compra; el proveedor no acreditó el buen funcionamiento."
    )
    _revisar(pagina, "resolver")
    pagina.get_by_role("button", name="Dictar la resolución").click()
    pagina.get_by_text("Dictaste la resolución.").wait_for()
    assert pagina.get_by_role("link", name=re.compile(r"Resolución N\.º")).is_visible()
    _revisar(pagina, "resuelto")
    aud.refresh_from_db()
    assert aud.estado == ReclamoAuditoria.Estado.RESUELTO and aud.resolucion_id
    assert pagina.problemas == []
