"""Pages of fees and fines: who sees what, bad input keeps what was typed, lists with flat
query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from honorarios.models import Honorario, Multa
from honorarios.services import honorarios as servicio
from honorarios.services import multas as servicio_multas
from normativa.models import ArancelHonorarios, ValorReferencia
from tests.honorarios.conftest import ausencia_del_proveedor, quien

pytestmark = pytest.mark.django_db


def test_mis_honorarios_solo_para_conciliadores_y_con_consultas_constantes(
    client, cerrar, arancel, consumidora, django_assert_max_num_queries
):
    primero = cerrar("a", "cerrar_sin_acuerdo").honorario
    conciliador = primero.conciliador
    cerrar("c", "homologar")
    Honorario.objects.update(conciliador=conciliador)
    client.force_login(conciliador.usuario)
    url = reverse("honorarios:mis_honorarios")
    with CaptureQueriesContext(connection) as pocos:
        assert client.get(url).status_code == 200
    for metodo in "abcabcabc":
        cerrar(metodo, "cerrar_sin_acuerdo")
    Honorario.objects.update(conciliador=conciliador)
    with django_assert_max_num_queries(len(pocos)):
        respuesta = client.get(url)
    assert respuesta.content.decode().count("/honorarios/") >= 11
    client.force_login(consumidora)
    assert client.get(url).status_code == 403


def test_el_honorario_sin_arancel_lo_dice_y_la_fecha_invalida_se_conserva(
    client, cerrar, agente_admision
):
    honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
    url = reverse("honorarios:honorario", args=[honorario.pk])
    client.force_login(agente_admision)
    pagina = client.get(url).content.decode()
    assert "todavía no tiene monto" in pagina and "arancel de honorarios vigente" in pagina
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 1, 1), valor=20000, fuente="x"
    )
    ArancelHonorarios.objects.create(
        vigente_desde=dt.date(2026, 1, 1),
        unidades_basico=3,
        bandas_total=[{"hasta": None, "unidades": "6.00"}],
        fuente="x",
    )
    assert client.post(url, {"accion": "liquidar"}).status_code == 302
    assert client.post(url, {"accion": "constancia"}).status_code == 302
    honorario.refresh_from_db()
    assert honorario.estado == "constancia_emitida"

    client.force_login(honorario.conciliador.usuario)
    respuesta = client.post(url, {"accion": "presentacion", "presentacion-fecha": "2026-03-25"})
    assert respuesta.status_code == 400
    pagina = respuesta.content.decode()
    assert "posterior a hoy" in pagina and 'value="2026-03-25"' in pagina
    respuesta = client.post(url, {"accion": "presentacion", "presentacion-fecha": "2026-03-20"})
    assert respuesta.status_code == 302
    assert "paga hasta el" in client.get(url).content.decode()
    # An act this user may not perform is refused; a stranger does not learn the fee exists.
    assert client.post(url, {"accion": "constancia"}).status_code == 403


def test_un_extrano_no_ve_el_honorario(client, cerrar, extrano):
    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario
    client.force_login(extrano)
    assert client.get(reverse("honorarios:honorario", args=[honorario.pk])).status_code == 404


def test_obligaciones_del_fondo_para_el_personal_con_consultas_constantes(
    client, cerrar, arancel, agente_admision, conciliador, django_assert_max_num_queries
):
    cerrar("a", "cerrar_sin_acuerdo")
    client.force_login(agente_admision)
    url = reverse("honorarios:fondo")
    with CaptureQueriesContext(connection) as pocos:
        client.get(url)
    for _ in range(6):
        cerrar("a", "cerrar_sin_acuerdo")
    with django_assert_max_num_queries(len(pocos)):
        pagina = client.get(url).content.decode()
    assert pagina.count("$ 60.000,00") == 7
    assert "Para liquidar honorarios y multas falta cargar" in pagina  # SMVM, instructions
    client.force_login(conciliador)
    assert client.get(url).status_code == 403


def test_reintegros_para_el_registro(client, cerrar, arancel, agente_registro_activo, consumidora):
    honorario = cerrar("c", "cerrar_sin_acuerdo").honorario
    servicio.registrar_pago(
        honorario, por=honorario.conciliador.usuario, fecha=dt.date(2026, 3, 20)
    )
    servicio.registrar_cobro_total(
        honorario, por=honorario.conciliador.usuario, fecha=dt.date(2026, 3, 20), causa="costas"
    )
    client.force_login(agente_registro_activo)
    pagina = client.get(reverse("honorarios:reintegros")).content.decode()
    assert honorario.conciliador.matricula in pagina and "Pendiente" in pagina
    client.force_login(consumidora)
    assert client.get(reverse("honorarios:reintegros")).status_code == 403


def test_valores_solo_para_la_administracion_y_conserva_lo_tipeado(
    client, administrador, agente_admision
):
    url = reverse("honorarios:valores")
    client.force_login(agente_admision)
    assert client.get(url).status_code == 403
    client.force_login(administrador)
    pagina = client.get(url).content.decode()
    assert "Hoy falta cargar" in pagina and "unidad de referencia" in pagina
    assert pagina.count('name="csrfmiddlewaretoken"') == 4  # each form and «Salir»
    respuesta = client.post(
        url,
        {
            "accion": "arancel",
            "arancel-vigente_desde": "2026-01-01",
            "arancel-unidades_basico": "3",
            "arancel-bandas": "; 10\n500.000; 6",
            "arancel-fuente": "Res. conjunta X",
        },
    )
    assert respuesta.status_code == 400
    pagina = respuesta.content.decode()
    assert "Solo la última banda puede no tener tope" in pagina and "Res. conjunta X" in pagina
    respuesta = client.post(
        url,
        {
            "accion": "arancel",
            "arancel-vigente_desde": "2026-01-01",
            "arancel-unidades_basico": "3",
            "arancel-bandas": "500.000; 6\n; 10",
            "arancel-fuente": "Res. conjunta X",
        },
    )
    assert respuesta.status_code == 302
    arancel = ArancelHonorarios.objects.get()
    assert arancel.bandas_total == [
        {"hasta": "500000.00", "unidades": "6.00"},
        {"hasta": None, "unidades": "10.00"},
    ]
    assert arancel.cargado_por == administrador
    datos = {
        "accion": "valor",
        "valor-tipo": "UR",
        "valor-vigente_desde": "2026-01-01",
        "valor-valor": "20000",
        "valor-fuente": "Res. X",
    }
    assert client.post(url, datos).status_code == 302
    respuesta = client.post(url, datos)  # the same date again
    assert respuesta.status_code == 400 and "Ya hay un valor" in respuesta.content.decode()


def test_el_conciliador_ve_lo_que_se_adjunta_y_certifica(
    client, cerrado_por_incomparecencia, en_la_audiencia, consumidora
):
    reclamo = cerrado_por_incomparecencia
    client.force_login(quien(en_la_audiencia))
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Certificar la multa por incomparecencia" in detalle
    url = reverse("honorarios:certificar_multa", args=[reclamo.pk])
    pagina = client.get(url).content.decode()
    assert "Acta de incomparecencia" in pagina and "cedulas@telefonia.example" in pagina
    assert client.post(url).status_code == 302
    assert Multa.objects.filter(reclamo=reclamo).count() == 1
    respuesta = client.post(url)  # twice: a clear message, no 500
    assert respuesta.status_code == 409 and "ya fue certificada" in respuesta.content.decode()
    client.force_login(consumidora)
    detalle = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Certificar la multa" not in detalle and "Certificación del conciliador" in detalle
    assert client.get(url).status_code == 403


def test_antes_de_que_venza_ar11_la_pagina_lo_explica(client, en_la_audiencia):
    reclamo = ausencia_del_proveedor(en_la_audiencia)
    client.force_login(quien(en_la_audiencia))
    pagina = client.get(reverse("honorarios:certificar_multa", args=[reclamo.pk]))
    assert "Solo hay multa cuando el reclamo se cerró" in pagina.content.decode()


def test_el_personal_revisa_la_evidencia_y_emite(
    client,
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    proveedor,
    extrano,
    django_capture_on_commit_callbacks,
):
    [multa] = servicio_multas.certificar_multa(
        cerrado_por_incomparecencia, por=quien(en_la_audiencia)
    )
    client.force_login(agente_admision)
    cola = client.get(reverse("honorarios:multas")).content.decode()
    assert "Revisar" in cola and multa.proveedor.razon_social in cola
    url = reverse("honorarios:multa", args=[multa.pk])
    pagina = client.get(url).content.decode()
    assert "Message-ID" in pagina and "Acta de incomparecencia" in pagina
    assert "No se presentó justificación dentro del plazo." in pagina
    respuesta = client.post(
        url, {"accion": "certificado", "certificado-dictamen": "Procede por lo expuesto."}
    )
    assert respuesta.status_code == 400
    assert "Procede por lo expuesto." in respuesta.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            url,
            {
                "accion": "certificado",
                "certificado-papeles": "on",
                "certificado-notificacion_fehaciente": "on",
                "certificado-sin_justificacion": "on",
                "certificado-dictamen": "Procede por lo expuesto.",
            },
        )
    assert respuesta.status_code == 302
    multa.refresh_from_db()
    assert multa.estado == "definitiva"
    pagina = client.get(url).content.decode()
    assert "El servidor de correo la aceptó" in pagina
    assert client.post(url, {"accion": "notificacion"}).status_code == 302
    # The fined provider sees its fine and documents, without staff's forms or the opinion.
    client.force_login(proveedor)
    pagina = client.get(url).content.decode()
    assert "Certificado de imposición de multa" in pagina
    assert "Procede por lo expuesto." not in pagina and 'name="accion"' not in pagina
    assert client.post(url, {"accion": "anular", "anular-motivo": "x"}).status_code == 403
    client.force_login(extrano)
    assert client.get(url).status_code == 404
