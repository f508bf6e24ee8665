"""Art. 11: at the first hearing the consumer widens the claim within the cap, redirects it
against whoever appeared, or extends it to another provider (a new hearing with its cédula)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias.models import Cedula
from audiencias.services import ampliacion, turnos
from audiencias.services import audiencia as servicio
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from documentos.models import Documento
from notificaciones.models import Notificacion
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.audiencias.test_audiencia import _asistencia, _quien

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _con_tope(reclamo, tope="1100000.00"):
    Reclamo.objects.filter(pk=reclamo.pk).update(
        valor_tope_unidad=Decimal("20000.00"), tope=Decimal(tope)
    )


def test_ampliar_el_objeto_dentro_del_tope_cambia_el_reclamo_y_avisa_al_personal(
    en_la_audiencia, agente_admision
):
    _con_tope(en_la_audiencia.reclamo)
    _asistencia(en_la_audiencia)
    ampliacion.ampliar_objeto(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        rubros="Daño punitivo por la demora.",
        monto_total="300000",
    )
    reclamo = Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)
    assert reclamo.monto == Decimal("300000.00")
    assert "Ampliado en la primera audiencia (10/03/2026): Daño punitivo" in reclamo.objeto
    entrada = reclamo.actuaciones.get(codigo="audiencia.ampliacion")
    assert entrada.datos["monto_anterior"] == "$ 150.000,00"
    assert entrada.datos["tope"] == "$ 1.100.000,00"
    aviso = Notificacion.objects.get(
        plantilla="audiencias/ampliacion", destinatario=agente_admision
    )
    assert "Daño punitivo" in aviso.cuerpo
    # The hearing's acta lists it.
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="nueva_audiencia"
    )
    acta = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_audiencia")
    assert acta.snapshot["ampliaciones"][0]["rubros"] == "Daño punitivo por la demora."


def test_la_ampliacion_que_supera_el_tope_se_rechaza_y_nada_cambia(en_la_audiencia):
    _con_tope(en_la_audiencia.reclamo)
    _asistencia(en_la_audiencia)
    with pytest.raises(DatosInvalidos) as error:
        ampliacion.ampliar_objeto(
            en_la_audiencia, por=_quien(en_la_audiencia), rubros="Lucro", monto_total="1100000.01"
        )
    assert "superaría el tope de $ 1.100.000,00" in error.value.mensaje
    reclamo = Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)
    assert reclamo.monto == Decimal("150000.00")
    assert not reclamo.actuaciones.filter(codigo="audiencia.ampliacion").exists()


def test_sin_monto_hace_falta_la_declaracion_jurada(en_la_audiencia):
    _asistencia(en_la_audiencia)
    quien = _quien(en_la_audiencia)
    with pytest.raises(DatosInvalidos) as error:
        ampliacion.ampliar_objeto(en_la_audiencia, por=quien, rubros="Gastos de envío")
    assert "monto_total" in error.value.campos
    datos = ampliacion.ampliar_objeto(
        en_la_audiencia, por=quien, rubros="Gastos de envío", declaracion_jurada=True
    )
    assert datos["declaracion_jurada"] is True


def test_hace_falta_que_el_consumidor_este_presente(en_la_audiencia):
    _asistencia(en_la_audiencia, consumidor=False)
    with pytest.raises(DatosInvalidos):
        ampliacion.ampliar_objeto(
            en_la_audiencia, por=_quien(en_la_audiencia), rubros="x", declaracion_jurada=True
        )


def test_ampliar_contra_otro_proveedor_exige_nueva_audiencia_con_su_cedula(
    en_la_audiencia, otro_proveedor, time_machine
):
    _asistencia(en_la_audiencia)
    quien = _quien(en_la_audiencia)
    nuevo = ampliacion.ampliar_a_proveedor(
        en_la_audiencia,
        por=quien,
        cuit="30-70000001-6",
        razon_social="Electro Otro S.R.L.",
        domicilio_legal="Florida 100, CABA",
    )
    assert nuevo.organizacion == otro_proveedor  # linked by CUIT: it sees the claim
    # Its row carries the claim's filing date: its list walks its own index (decision 0033).
    assert nuevo.presentado_en == en_la_audiencia.reclamo.presentado_en is not None
    # It was not summoned to this hearing: not in its attendance, and only a new hearing fits.
    assert nuevo not in servicio.convocados(en_la_audiencia)
    with pytest.raises(DatosInvalidos) as error:
        servicio.registrar_resultado(en_la_audiencia, por=quien, resultado="sin_acuerdo")
    assert "nueva audiencia" in error.value.mensaje
    servicio.registrar_resultado(en_la_audiencia, por=quien, resultado="nueva_audiencia")
    reclamo = Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)
    assert reclamo.estado == Estado.EN_CONCILIACION
    acta = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_audiencia")
    assert [a["parte"] for a in acta.snapshot["asistentes"]][1:] == [
        "Proveedor: Telefonía Ejemplo S.A. (CUIT 30712345671)"
    ]
    segunda = turnos.fijar_audiencia(
        reclamo,
        inicio=dt.datetime(2026, 3, 20, 10, tzinfo=BA),
        modalidad="presencial",
        lugar="Av. Julio A. Roca 651, CABA",
        por=quien,
    )
    cedula = Cedula.objects.get(audiencia=segunda, proveedor=nuevo)
    assert cedula.via == Cedula.Via.FEHACIENTE  # no electronic domicile registered
    assert cedula.documento.snapshot["destinatario"]["razon_social"] == "Electro Otro S.R.L."
    assert Cedula.objects.filter(audiencia=segunda).count() == 2
    # At the second hearing the claim can no longer be widened.
    time_machine.move_to(dt.datetime(2026, 3, 20, 13, 30, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ConflictoDeEstado) as error:
        ampliacion.ampliar_objeto(segunda, por=quien, rubros="x", declaracion_jurada=True)
    assert "primera audiencia" in error.value.mensaje


def test_enderezar_contra_quien_comparecio(en_la_audiencia, agente_admision):
    _asistencia(en_la_audiencia)
    proveedor = en_la_audiencia.reclamo.proveedores.get()
    with pytest.raises(DatosInvalidos) as error:
        ampliacion.enderezar_reclamo(
            en_la_audiencia,
            por=_quien(en_la_audiencia),
            proveedor=proveedor,
            cuit="30712345670",
            razon_social="Telefonía Argentina S.R.L.",
            domicilio_legal="Av. de Mayo 800, CABA",
        )
    assert "cuit" in error.value.campos
    ampliacion.enderezar_reclamo(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        proveedor=proveedor,
        cuit="30-70000001-6",
        razon_social="Telefonía Argentina S.R.L.",
        domicilio_legal="Av. de Mayo 800, CABA",
    )
    proveedor.refresh_from_db()
    assert proveedor.razon_social == "Telefonía Argentina S.R.L."
    entrada = en_la_audiencia.reclamo.actuaciones.get(codigo="audiencia.ampliacion")
    assert entrada.datos["anterior"]["razon_social"] == "Telefonía Ejemplo S.A."
    assert Notificacion.objects.filter(
        plantilla="audiencias/ampliacion", destinatario=agente_admision
    ).exists()


def _ampliacion(**datos):
    return {"paso": "ampliacion"} | {f"ampliacion-{k}": v for k, v in datos.items()}


def test_la_pagina_de_la_audiencia_registra_la_ampliacion(client, en_la_audiencia):
    _con_tope(en_la_audiencia.reclamo)
    _asistencia(en_la_audiencia)
    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    assert "2. Ampliación del reclamo" in client.get(url).content.decode()
    respuesta = client.post(
        url,
        _ampliacion(tipo="objeto", rubros="Lucro", monto_total="5000000"),
    )
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "superaría el tope" in contenido
    assert "Lucro" in contenido  # what was typed stays
    respuesta = client.post(
        url,
        _ampliacion(tipo="objeto", rubros="Lucro", monto_total="200000"),
        follow=True,
    )
    assert "Registraste la ampliación del objeto" in respuesta.content.decode()


def test_tras_enderezar_la_cedula_anterior_sigue_dirigida_a_quien_se_notifico(
    client, en_la_audiencia
):
    _asistencia(en_la_audiencia)
    ampliacion.enderezar_reclamo(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        proveedor=en_la_audiencia.reclamo.proveedores.get(),
        cuit="30-70000001-6",
        razon_social="Telefonía Argentina S.R.L.",
        domicilio_legal="Av. de Mayo 800, CABA",
    )
    client.force_login(_quien(en_la_audiencia))
    pagina = client.get(reverse("reclamos:detalle", args=[en_la_audiencia.reclamo.pk]))
    contenido = pagina.content.decode()
    seccion = contenido[contenido.index('aria-labelledby="t-cedulas"') :]
    seccion = seccion[: seccion.index("</section>")]
    assert "Telefonía Ejemplo S.A." in seccion
    assert "Telefonía Argentina S.R.L." not in seccion
