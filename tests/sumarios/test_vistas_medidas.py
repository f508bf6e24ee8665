"""Pages of preventive measures, ejecución fiscal and the cuarto intermedio: permissions,
Spanish errors with 400, flat query counts."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from audiencias.models import Audiencia
from reclamos.estados import Estado
from sumarios.models import EjecucionFiscal, MedidaPreventiva, MultaIncomparecencia
from sumarios.services import denuncia as servicio
from sumarios.services import medidas
from tests.sumarios.caba import (
    BA,
    DURANTE,
    cargar_valores,
    celebrar,
    datos_denuncia,
    denuncia_con_audiencia,
)
from tests.sumarios.test_medidas import BASE, ORDEN, _sumario_firme

pytestmark = pytest.mark.django_db


def _medida_post(**extra):
    return {
        "accion": "medida",
        "tipo_medida": "cese",
        "ordena": BASE["ordena"],
        "fundamentos_medida": BASE["fundamentos"],
        **extra,
    }


@time_machine.travel(ORDEN, tick=False)
def test_el_personal_ordena_y_el_proveedor_apela_desde_la_denuncia(
    client, consumidora, funcionario, proveedor
):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    pagina = reverse("sumarios:denuncia", args=[reclamo.pk])
    acto = reverse("sumarios:denuncia_acto", args=[reclamo.pk])
    client.force_login(consumidora)
    assert client.post(acto, _medida_post()).status_code == 403
    client.force_login(funcionario)
    texto = client.get(pagina).content.decode()
    assert "Ordenar una medida preventiva" in texto
    malo = client.post(acto, _medida_post(tipo_medida="clausura"))
    assert malo.status_code == 400
    assert "La clausura preventiva procede solo ante un peligro" in malo.content.decode()
    vacio = client.post(acto, _medida_post(ordena=""))
    assert vacio.status_code == 400 and "Escribí qué ordena la medida." in vacio.content.decode()
    assert client.post(acto, _medida_post()).status_code == 302
    medida = MedidaPreventiva.objects.get()

    client.force_login(proveedor)
    texto = client.get(pagina).content.decode()
    assert "Cese de la conducta" in texto and "Apelar la medida" in texto
    assert "verificar" in texto  # CABA-13 is L
    assert "Levantar la medida" not in texto and "Ordenar una medida" not in texto
    assert client.post(acto, {"accion": "levantar_medida", "medida": medida.pk}).status_code == 403
    sin = client.post(acto, {"accion": "apelar_medida", "medida": medida.pk, "apelacion": ""})
    assert sin.status_code == 400
    assert "Escribí los fundamentos de la apelación." in sin.content.decode()
    bien = client.post(
        acto, {"accion": "apelar_medida", "medida": medida.pk, "apelacion": "No corresponde."}
    )
    assert bien.status_code == 302
    texto = client.get(pagina).content.decode()
    assert "la apelación no suspende la medida." in texto

    client.force_login(funcionario)
    assert (
        client.post(
            acto, {"accion": "levantar_medida", "medida": medida.pk, "motivo": "Cumplida"}
        ).status_code
        == 302
    )
    medida.refresh_from_db()
    assert medida.estado == MedidaPreventiva.Estado.LEVANTADA and medida.apelada_en


def test_la_pagina_de_la_denuncia_no_crece_con_las_medidas(
    client, consumidora, funcionario, django_assert_max_num_queries
):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    url = reverse("sumarios:denuncia", args=[reclamo.pk])
    client.force_login(funcionario)
    with time_machine.travel(ORDEN, tick=False):
        medidas.ordenar_medida(por=funcionario, reclamo=reclamo, **BASE)
        with django_assert_max_num_queries(60) as una:
            assert client.get(url).status_code == 200
        for _ in range(3):
            medidas.ordenar_medida(por=funcionario, reclamo=reclamo, **BASE)
        with django_assert_max_num_queries(len(una.captured_queries)):
            assert client.get(url).status_code == 200


def test_el_acta_con_cuarto_intermedio_desde_la_pagina(client, consumidora, funcionario):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    reclamo = audiencia.reclamo
    proveedor_pk = reclamo.proveedores.get().pk
    acto = reverse("sumarios:denuncia_acto", args=[reclamo.pk])
    datos = {
        "accion": "celebrar",
        "asistio_consumidor": "1",
        "nombre_consumidor": "Lucía Fernández",
        f"asistio_p{proveedor_pk}": "1",
        f"nombre_p{proveedor_pk}": "Martín Gómez",
        "resultado": "nueva_audiencia",
        "pedido_por": "consumidor",
        "texto": "Piden tiempo.",
    }
    client.force_login(funcionario)
    with time_machine.travel(DURANTE, tick=False):
        texto = client.get(reverse("sumarios:denuncia", args=[reclamo.pk])).content.decode()
        assert "Cuarto intermedio (continúa en otra fecha)" in texto
        assert 'name="continuacion"' in texto
        malo = client.post(acto, {**datos, "continuacion": "mañana"})
        assert malo.status_code == 400
        assert "Indicá día y hora de la audiencia." in malo.content.decode()
        sabado = client.post(acto, {**datos, "continuacion": "2026-03-14T11:00"})
        assert sabado.status_code == 400 and "no es día hábil" in sabado.content.decode()
        bien = client.post(acto, {**datos, "continuacion": "2026-03-17T11:00"})
    assert bien.status_code == 302
    siguiente = reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    assert siguiente.inicio == dt.datetime(2026, 3, 17, 11, 0, tzinfo=BA)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA


def test_la_lista_de_multas_y_la_remision_desde_el_sumario(
    client,
    consumidora,
    funcionario,
    administrador,
    proveedor,
    django_assert_max_num_queries,
):
    sumario = _sumario_firme(consumidora, funcionario, administrador, proveedor)
    url = reverse("sumarios:multas")
    client.force_login(consumidora)
    assert client.get(url).status_code == 403
    client.force_login(proveedor)
    assert client.get(url).status_code == 403
    client.force_login(funcionario)
    bandeja = client.get(reverse("sumarios:bandeja")).content.decode()
    assert f'href="{url}"' in bandeja
    acto = reverse("sumarios:sumario_acto", args=[sumario.pk])
    with time_machine.travel(DURANTE + dt.timedelta(days=60), tick=False):
        pagina = client.get(reverse("sumarios:sumario", args=[sumario.pk])).content.decode()
        assert "Remitir a ejecución fiscal" not in pagina  # not firm yet
        client.post(acto, {"accion": "firme"})
        pagina = client.get(reverse("sumarios:sumario", args=[sumario.pk])).content.decode()
        assert "Remitir a ejecución fiscal" in pagina
        base = {"accion": "ejecucion_fiscal", "referencia": "EJF-9/2026", "fecha": "2026-05-04"}
        sin = client.post(acto, base)
        assert sin.status_code == 400
        assert "Solo se remite una multa firme e impaga" in sin.content.decode()
        assert client.post(acto, {**base, "firme_e_impaga": "1"}).status_code == 302
        pagina = client.get(reverse("sumarios:sumario", args=[sumario.pk])).content.decode()
        assert "Remitida a ejecución fiscal el 04/05/2026 (EJF-9/2026)" in pagina
        assert "$ 11.000.000,00" in pagina
        lista = client.get(url, {"tipo": "disposicion"}).content.decode()
    assert "EJF-9/2026" in lista and sumario.numero in lista
    assert EjecucionFiscal.objects.get().disposicion == sumario.disposicion

    # The non-appearance fines' list stays flat as fines are added.
    cargar_valores_si_faltan()
    _multa(consumidora, funcionario)
    client.force_login(funcionario)  # the session above was opened 60 days ahead
    with django_assert_max_num_queries(30) as una:
        assert "No remitida" in client.get(url).content.decode()
    for _ in range(3):
        _multa(consumidora, funcionario)
    with django_assert_max_num_queries(len(una.captured_queries)):
        assert client.get(url).status_code == 200


def cargar_valores_si_faltan():
    from normativa.models import ValorReferencia

    if not ValorReferencia.objects.filter(tipo="UF").exists():
        cargar_valores()


def _multa(consumidora, funcionario) -> MultaIncomparecencia:
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    return MultaIncomparecencia.objects.create(
        reclamo=reclamo,
        proveedor=reclamo.proveedores.get(),
        fecha_audiencia=dt.date(2026, 3, 10),
        unidades=Decimal("500"),
        valor_unidad=Decimal("1200"),
        fuente_valor="Ley Tarifaria 2026",
        monto=Decimal("600000"),
        fundamentos="No justificó.",
        impuesta_por=funcionario,
    )


def test_la_multa_por_incomparecencia_se_remite_desde_la_denuncia(client, consumidora, funcionario):
    cargar_valores()
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "incomparecencia_proveedor", proveedor=False)
    reclamo = audiencia.reclamo
    with time_machine.travel(DURANTE, tick=False):
        reclamo.refresh_from_db()
        multa = servicio.multar_incomparecencia(
            reclamo, por=funcionario, unidades="500", fundamentos="No justificó."
        )
        client.force_login(funcionario)
        acto = reverse("sumarios:denuncia_acto", args=[reclamo.pk])
        datos = {
            "accion": "ejecucion_fiscal",
            "multa": multa.pk,
            "referencia": "Boleta 5",
            "fecha": "2026-03-10",
            "firme_e_impaga": "1",
        }
        otra = client.post(acto, {**datos, "multa": 0})
        assert otra.status_code == 400 and "Elegí la multa." in otra.content.decode()
        assert client.post(acto, datos).status_code == 302
        pagina = client.get(reverse("sumarios:denuncia", args=[reclamo.pk])).content.decode()
    assert "Remitida a ejecución fiscal el 10/03/2026 (Boleta 5)" in pagina
    assert EjecucionFiscal.objects.get().multa_incomparecencia == multa
