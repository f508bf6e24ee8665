"""The claimant's name and DNI come from the account's identity (issue 16 item 5): a consumer
cannot file as "Juana Pérez" with their own account; office staff filing for someone else are
the exception, recorded as `cargado_por`."""

import pytest
from django.urls import reverse

from conciliacion.errores import DatosInvalidos
from reclamos.services import presentacion
from tests.conftest import Rol, crear_usuario

pytestmark = pytest.mark.django_db


def test_la_consumidora_no_puede_reclamar_con_otro_nombre(consumidora):
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    assert reclamo.consumidor_dni == consumidora.dni
    with pytest.raises(DatosInvalidos) as error:
        presentacion.guardar_borrador(
            reclamo,
            por=consumidora,
            paso="datos",
            datos={"consumidor_nombre": "Juana", "consumidor_apellido": "Pérez"},
        )
    assert set(error.value.campos) == {"consumidor_nombre", "consumidor_apellido"}
    reclamo.refresh_from_db()
    assert reclamo.consumidor_nombre == consumidora.nombre


def test_el_paso_de_datos_muestra_la_identidad_de_la_cuenta_sin_dejar_cambiarla(
    client, consumidora
):
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    client.force_login(consumidora)
    url = reverse("reclamos:paso", kwargs={"pk": reclamo.pk, "paso": "datos"})
    html = client.get(url).content.decode()
    assert "Sale de tu cuenta." in html and "disabled" in html
    client.post(
        url,
        {
            "consumidor_nombre": "Juana",
            "consumidor_apellido": "Pérez",
            "consumidor_dni": "11222333",
            "consumidor_domicilio": "Av. Rivadavia 5000, CABA",
            "consumidor_email": consumidora.email,
            "consentimiento": "on",
        },
    )
    reclamo.refresh_from_db()
    assert (reclamo.consumidor_nombre, reclamo.consumidor_dni) == (
        consumidora.nombre,
        consumidora.dni,
    )


def test_una_cuenta_sin_identidad_la_toma_de_su_primer_reclamo(db):
    from tests.reclamos.test_presentacion import DATOS, PROVEEDOR

    nueva = crear_usuario("sin.datos@example.com", Rol.CONSUMIDOR, nombre="", apellido="")
    nueva.dni = ""
    nueva.save(update_fields=["dni"])
    from normativa.models import ValorReferencia

    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde="2020-01-01", valor="330000.00", fuente="prueba"
    )
    reclamo = presentacion.iniciar_borrador(consumidor=nueva, por=nueva)
    presentacion.guardar_borrador(reclamo, por=nueva, paso="revision", datos=DATOS)
    presentacion.guardar_proveedores(reclamo, por=nueva, proveedores=[PROVEEDOR])
    presentacion.presentar_reclamo(reclamo, por=nueva)
    nueva.refresh_from_db()
    assert (nueva.nombre, nueva.apellido, nueva.dni) == ("Lucía", "Fernández", "30123456")
    otro = presentacion.iniciar_borrador(consumidor=nueva, por=nueva)
    with pytest.raises(DatosInvalidos):
        presentacion.guardar_borrador(
            otro, por=nueva, paso="datos", datos={"consumidor_dni": "11222333"}
        )


def test_el_personal_carga_a_nombre_de_otra_persona_y_queda_registrado(
    consumidora, agente_admision
):
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=agente_admision)
    presentacion.guardar_borrador(
        reclamo, por=agente_admision, paso="datos", datos={"consumidor_nombre": "Juana"}
    )
    reclamo.refresh_from_db()
    assert reclamo.consumidor_nombre == "Juana" and reclamo.cargado_por == agente_admision
