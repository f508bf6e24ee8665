"""The end of a fine (DOMAIN §2.3, docs/decisions/0010): payment records the consumer's third and
tells the consumer; never before the definitive certificate; only staff with MFA; a firm unpaid
fine is referred to judicial enforcement."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from honorarios.models import Multa
from honorarios.reglas import repartir_multa
from honorarios.services import multas as servicio
from honorarios.services import seguimiento_multas as seguimiento
from normativa.models import ValorReferencia
from tests.conftest import sin_mfa
from tests.honorarios.conftest import quien

pytestmark = pytest.mark.django_db

TODO = {"papeles": True, "notificacion_fehaciente": True, "sin_justificacion": True}
SMVM = Decimal("322000.00")
HOY = dt.date(2026, 3, 18)  # the fixture's clock: the sweeper closed the claim that day


@pytest.fixture
def definitiva(cerrado_por_incomparecencia, en_la_audiencia, instrucciones_pago, agente_admision):
    """A fine of 1 SMVM of $ 322.000 with its definitive certificate and intimation."""
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2026, 1, 1), valor=SMVM, fuente="prueba"
    )
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    return servicio.emitir_certificado_multa(
        multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
    )


def _pagar(multa, por, **extra):
    datos = {"fecha": HOY, "monto": multa.monto, "referencia": "Transferencia 991", **extra}
    return seguimiento.registrar_pago_multa(multa, por=por, **datos)


def test_el_tercio_se_redondea_al_centavo_y_las_partes_suman_la_multa():
    assert repartir_multa(Decimal("322000.00")) == (Decimal("107333.33"), Decimal("214666.67"))
    # 32.200.001 cents: a third is 10.733.333,67 cents → half up to 107.333,34.
    assert repartir_multa(Decimal("322000.01")) == (Decimal("107333.34"), Decimal("214666.67"))
    assert repartir_multa(Decimal("330000.00")) == (Decimal("110000.00"), Decimal("220000.00"))
    for monto in ("0.01", "0.02", "1.00", "322000.02", "999999.99"):
        parte, resto = repartir_multa(Decimal(monto))
        assert parte + resto == Decimal(monto) and abs(parte * 3 - Decimal(monto)) <= Decimal(
            "0.02"
        )


def test_el_pago_registra_el_tercio_del_consumidor_y_se_lo_avisa(
    definitiva, agente_admision, django_capture_on_commit_callbacks
):
    reclamo = definitiva.reclamo
    with django_capture_on_commit_callbacks(execute=True):
        multa = _pagar(definitiva, agente_admision, monto=Decimal("322500.00"))
    multa.refresh_from_db()
    assert multa.estado == Multa.Estado.PAGADA
    assert (multa.monto_pagado, multa.parte_consumidor, multa.parte_resto) == (
        Decimal("322500.00"),  # a surplus is recorded, not split (decision 0010)
        Decimal("107333.33"),
        Decimal("214666.67"),
    )
    entrada = reclamo.actuaciones.get(codigo="multa.pagada")
    assert "$ 107.333,33" in entrada.texto and "$ 214.666,67" in entrada.texto
    assert entrada.visible_para_partes and "secundaria" in entrada.fuente
    [correo] = [m for m in mail.outbox if reclamo.consumidor.email in m.to]
    assert "Te corresponde un tercio de la multa: $ 107.333,33" in correo.body
    assert "no dicen cómo se cobra" in correo.body


def test_el_redondeo_de_un_monto_no_divisible_por_tres(definitiva, agente_admision):
    Multa.objects.filter(pk=definitiva.pk).update(monto=Decimal("322000.01"))
    definitiva.refresh_from_db()
    multa = _pagar(definitiva, agente_admision)
    assert (multa.parte_consumidor, multa.parte_resto) == (
        Decimal("107333.34"),
        Decimal("214666.67"),
    )


def test_no_se_paga_antes_del_certificado_definitivo_ni_por_menos_de_la_multa(
    cerrado_por_incomparecencia, en_la_audiencia, agente_admision, definitiva
):
    Multa.objects.filter(pk=definitiva.pk).update(estado=Multa.Estado.CERTIFICADA)
    definitiva.refresh_from_db()
    with pytest.raises(ConflictoDeEstado) as error:
        _pagar(definitiva, agente_admision)
    assert error.value.codigo == "not_definitive"
    Multa.objects.filter(pk=definitiva.pk).update(estado=Multa.Estado.DEFINITIVA)
    with pytest.raises(DatosInvalidos) as error:
        _pagar(definitiva, agente_admision, monto=Decimal("321999.99"))
    assert "monto" in error.value.campos
    definitiva.refresh_from_db()
    assert (definitiva.estado, definitiva.parte_consumidor) == ("definitiva", None)
    assert not mail.outbox


def test_solo_el_personal_con_mfa_registra_el_pago(
    client, definitiva, agente_admision, consumidora, proveedor, en_la_audiencia
):
    for alguien in (consumidora, proveedor, quien(en_la_audiencia)):
        with pytest.raises(AccesoDenegado):
            _pagar(definitiva, alguien)
    url = reverse("honorarios:multa", args=[definitiva.pk])
    datos = {"accion": "pago", "pago-fecha": "2026-03-18", "pago-monto": "322000.00"}
    client.force_login(consumidora)
    assert client.post(url, datos).status_code == 403
    client.force_login(sin_mfa(agente_admision))
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302 and "totp" in respuesta["Location"]
    api = APIClient()
    api.force_login(agente_admision)
    respuesta = api.post(f"/api/v1/multas/{definitiva.pk}/pago/", datos, format="json")
    assert respuesta.status_code == 403 and respuesta.json()["error"]["codigo"] == "mfa_required"
    definitiva.refresh_from_db()
    assert definitiva.estado == "definitiva" and definitiva.parte_consumidor is None


def test_el_consumidor_ve_su_tercio_en_el_reclamo_y_en_la_multa(
    client, definitiva, agente_admision, proveedor
):
    reclamo = definitiva.reclamo
    url = reverse("honorarios:multa", args=[definitiva.pk])
    client.force_login(agente_admision)
    respuesta = client.post(
        url, {"accion": "pago", "pago-fecha": "2026-03-18", "pago-monto": "322000.00"}
    )
    assert respuesta.status_code == 302
    pagina = client.get(url).content.decode()
    assert "Un tercio de la multa corresponde al consumidor: $ 107.333,33" in pagina
    assert "Resto: $ 214.666,67" in pagina and "fuente secundaria" in pagina

    client.force_login(reclamo.consumidor)
    for direccion in (reverse("reclamos:detalle", args=[reclamo.pk]), url):
        pagina = client.get(direccion).content.decode()
        assert "Te corresponde un tercio de la multa: $ 107.333,33" in pagina, direccion
        assert "consultá a la autoridad de aplicación" in pagina
    client.force_login(proveedor)
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Te corresponde" not in pagina and "corresponde al consumidor" in pagina


def test_la_multa_firme_e_impaga_se_remite_a_ejecucion_y_luego_puede_pagarse(
    definitiva, agente_admision
):
    with pytest.raises(ConflictoDeEstado, match="firme"):
        seguimiento.remitir_a_ejecucion(
            definitiva, por=agente_admision, fecha=HOY, referencia="Nota 12/2026"
        )
    Multa.objects.filter(pk=definitiva.pk).update(firme_desde=HOY)
    with pytest.raises(DatosInvalidos):
        seguimiento.remitir_a_ejecucion(definitiva, por=agente_admision, fecha=HOY, referencia=" ")
    multa = seguimiento.remitir_a_ejecucion(
        definitiva, por=agente_admision, fecha=HOY, referencia="Nota 12/2026"
    )
    assert (multa.estado, multa.ejecucion_el) == ("en_ejecucion", HOY)
    assert multa.reclamo.actuaciones.filter(codigo="multa.en_ejecucion").exists()
    multa = _pagar(multa, agente_admision)
    assert (multa.estado, multa.parte_consumidor) == ("pagada", Decimal("107333.33"))


def test_pago_y_ejecucion_por_api(definitiva, agente_admision):
    api = APIClient()
    api.force_authenticate(agente_admision)
    url = f"/api/v1/multas/{definitiva.pk}"
    respuesta = api.post(f"{url}/ejecucion/", {"fecha": "2026-03-18", "referencia": "N"})
    assert respuesta.status_code == 409
    respuesta = api.post(f"{url}/pago/", {"fecha": "2026-03-18"}, format="json")
    assert respuesta.status_code == 400
    respuesta = api.post(
        f"{url}/pago/", {"fecha": "2026-03-18", "monto": "322000.00"}, format="json"
    )
    assert respuesta.status_code == 200
    assert (respuesta.json()["parte_consumidor"], respuesta.json()["parte_resto"]) == (
        "107333.33",
        "214666.67",
    )


def test_la_multa_emitida_a_las_23_30_de_buenos_aires_se_paga_ese_mismo_dia(
    cerrado_por_incomparecencia, en_la_audiencia, instrucciones_pago, agente_admision, time_machine
):
    """At 23:30 in Buenos Aires the UTC date is already tomorrow: the issue day is the régimen's
    (issue 18), so a payment dated today there is not "before the certificate"."""
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2026, 1, 1), valor=SMVM, fuente="prueba"
    )
    [multa] = servicio.certificar_multa(cerrado_por_incomparecencia, por=quien(en_la_audiencia))
    ba = dt.timezone(dt.timedelta(hours=-3))
    time_machine.move_to(dt.datetime(2026, 3, 18, 23, 30, tzinfo=ba), tick=False)
    multa = servicio.emitir_certificado_multa(
        multa, por=agente_admision, verificaciones=TODO, dictamen="Procede."
    )
    assert multa.emitida_en.astimezone(dt.UTC).date() == dt.date(2026, 3, 19)
    pagada = _pagar(multa, agente_admision, fecha=dt.date(2026, 3, 18))
    assert pagada.estado == Multa.Estado.PAGADA
    assert pagada.pagada_el == dt.date(2026, 3, 18)
