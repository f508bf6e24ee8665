"""After a provider changes its electronic domicile, a cédula already served keeps the address it
went to and the next notice goes to the new one (DOMAIN Decision 3) — but only once the new
address confirmed the change: until then notices keep going to the current domicile."""

import pytest

from audiencias.services.reemision import anular_cedulas
from notificaciones.cambios_de_domicilio import solicitar_cambio_de_domicilio
from notificaciones.models import Notificacion
from tests.notificaciones.domicilio import cambiar_y_confirmar

pytestmark = pytest.mark.django_db


def test_mientras_el_cambio_no_se_confirma_el_aviso_va_al_domicilio_vigente(
    proveedor, fijada, proveedor_activo
):
    solicitar_cambio_de_domicilio(
        proveedor_activo, email="legales@telefonia.example", por=proveedor
    )
    anular_cedulas(fijada)
    aviso = Notificacion.objects.get(plantilla="audiencias/cedula_anulada")
    assert aviso.email == "cedulas@telefonia.example"
    assert aviso.a_domicilio_constituido


def test_la_cedula_anterior_conserva_el_domicilio_y_el_aviso_posterior_va_al_nuevo(
    proveedor, fijada, proveedor_activo
):
    cedula = fijada.cedulas.get()
    assert cedula.domicilio == "cedulas@telefonia.example"
    cambiar_y_confirmar(proveedor_activo, email="legales@telefonia.example", por=proveedor)
    anular_cedulas(fijada)
    cedula.refresh_from_db()
    assert cedula.anulada_en is not None
    assert cedula.domicilio == "cedulas@telefonia.example"
    assert cedula.notificacion.email == "cedulas@telefonia.example"
    assert cedula.notificacion.a_domicilio_constituido
    assert cedula.documento.snapshot["destinatario"]["domicilio_electronico"] == (
        "cedulas@telefonia.example"
    )
    aviso = Notificacion.objects.get(plantilla="audiencias/cedula_anulada")
    assert aviso.email == "legales@telefonia.example"
    assert aviso.a_domicilio_constituido
