"""The quarterly report: requested on the page (the request only writes its row), produced by its
task after commit as a numbered document whose PDF carries the quarter's figures in local
formats, verifiable on /verificar/, recovered when its message is lost."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from exportaciones import cifras, services
from exportaciones.models import InformeTrimestral


def _texto_del_pdf(documento) -> str:
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lector.pages))


def _pedir(client, **valores):
    datos = {"anio": 2026, "trimestre": 1, "regimen": "COPREC", **valores}
    return client.post(
        "/panel/exportaciones/informes/", {f"informe-{k}": v for k, v in datos.items()}
    )


@pytest.mark.django_db
def test_el_pdf_trae_las_cifras_del_trimestre_en_formato_local(
    client, escenario, agente_admision, consumidora, django_capture_on_commit_callbacks
):
    client.force_login(agente_admision)
    # The request writes the row and publishes after commit: without the commit, no document.
    with django_capture_on_commit_callbacks(execute=False) as publicaciones:
        respuesta = _pedir(client)
    assert respuesta.status_code == 302 and len(publicaciones) == 1
    informe = InformeTrimestral.objects.get()
    assert informe.estado == "pendiente" and informe.documento is None
    assert "Calculando las cifras" in client.get("/panel/exportaciones/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publicaciones[0]()
    informe.refresh_from_db()
    assert informe.estado == "emitido"
    documento = informe.documento
    assert documento.tipo == "informe_trimestral" and documento.renderizado
    assert documento.numero_visible == "1/2026"

    texto = _texto_del_pdf(documento)
    assert "1.º trimestre de 2026" in texto
    assert "del 01/01/2026 al 31/03/2026" in texto
    esperado = [
        ("Reclamos presentados", "5"),
        ("Reclamos admitidos", "1"),
        ("Reclamos no admitidos", "1"),
        ("Audiencias celebradas", "3"),
        ("Audiencias con acuerdo", "1"),
        ("Incomparecencias del proveedor", "1"),
        ("Acuerdos homologados", "1"),
        ("Multas emitidas (certificado definitivo)", "1 $ 330.000,00"),
        ("Multas pagadas", "0 $ 0,00"),
        ("Honorarios devengados", "3 $ 280.000,00"),
        ("Honorarios pagados", "0 $ 0,00"),
    ]
    for renglon, cifra in esperado:
        assert f"{renglon} {cifra}" in texto, (renglon, texto)
    assert documento.codigo in texto

    # The page shows it ready with its download; /verificar/ finds it by its code.
    pagina = client.get("/panel/exportaciones/").content.decode()
    assert "Listo" in pagina and f"/documentos/{documento.pk}/descargar/" in pagina
    descarga = client.get(documento.get_absolute_url())
    assert descarga.status_code == 200
    verificacion = client.get(f"/verificar/{documento.codigo}/")
    assert verificacion.status_code == 200
    assert "Informe trimestral a la autoridad" in verificacion.content.decode()
    # A consumer cannot download it.
    client.force_login(consumidora)
    assert client.get(documento.get_absolute_url()).status_code == 404

    # The second quarter: April's payment of the fine; the office filter keeps only G's filing.
    segundo = cifras.calcular(anio=2026, numero=2, regimen="COPREC")
    assert (segundo["multas_pagadas"], segundo["multas_pagadas_monto"]) == (1, "330000.00")
    assert segundo["presentados"] == 1 and segundo["multas_emitidas"] == 0
    centro = cifras.calcular(anio=2026, numero=1, regimen="COPREC", oficina=escenario["oficina"])
    assert centro["presentados"] == 1 and centro["audiencias_celebradas"] == 0


@pytest.mark.django_db
def test_las_cifras_son_agregados_sin_recorrer_reclamos(escenario):
    """A fixed number of statements, whatever the number of claims: no loop over claims."""
    with CaptureQueriesContext(connection) as consultas:
        cifras.calcular(anio=2026, numero=1, regimen="COPREC")
    assert len(consultas) == 12
    # Each one an aggregate bounded by the quarter, none a list of claims.
    assert all("COUNT(" in c["sql"] or "SUM(" in c["sql"] for c in consultas)


@pytest.mark.django_db
def test_trimestre_invalido_en_castellano(client, agente_admision, homologador):
    client.force_login(agente_admision)
    respuesta = _pedir(client, anio=2040)
    assert respuesta.status_code == 400
    assert "Ese trimestre todavía no empezó." in respuesta.content.decode()
    assert 'value="2040"' in respuesta.content.decode()
    respuesta = _pedir(client, trimestre=7, anio="dos mil")
    pagina = respuesta.content.decode()
    assert "Elegí un trimestre de la lista (1 a 4)." in pagina
    assert "Ingresá el año con números" in pagina
    assert _pedir(client, regimen="PE-INDECOPI").status_code == 400
    assert "Ingresá un año hasta 2100." in _pedir(client, anio=49329).content.decode()
    assert InformeTrimestral.objects.count() == 0
    # Homologation staff export fees but do not ask for the authority's report.
    client.force_login(homologador)
    assert _pedir(client).status_code == 403


@pytest.mark.django_db
def test_la_api_pide_y_consulta_el_informe(client, administrador, oficina_centro):
    client.force_login(administrador)
    respuesta = client.post(
        "/api/v1/exportaciones/informes/",
        {"anio": 2026, "trimestre": 2, "regimen": "COPREC", "oficina": oficina_centro.pk},
        content_type="application/json",
    )
    assert respuesta.status_code == 202, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["estado"] in ("pendiente", "emitido")
    detalle = client.get(f"/api/v1/exportaciones/informes/{cuerpo['id']}/").json()
    assert detalle["trimestre"] == 2 and detalle["oficina"] == oficina_centro.pk
    lista = client.get("/api/v1/exportaciones/informes/").json()
    assert [i["id"] for i in lista["results"]] == [cuerpo["id"]]
    # A retry with the same Idempotency-Key asks for no second report.
    for _ in range(2):
        repetido = client.post(
            "/api/v1/exportaciones/informes/",
            {"anio": 2026, "trimestre": 1, "regimen": "COPREC"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="informe-2026-1",
        )
        assert repetido.status_code == 202
    assert InformeTrimestral.objects.count() == 2
    malo = client.post(
        "/api/v1/exportaciones/informes/",
        {"anio": 2026, "trimestre": 1, "regimen": "OTRO"},
        content_type="application/json",
    )
    assert malo.status_code == 400 and "regimen" in malo.json()["error"]["campos"]


@pytest.mark.django_db
def test_un_informe_perdido_lo_recupera_la_tarea_de_recuperacion(
    agente_admision, time_machine, django_capture_on_commit_callbacks
):
    from conciliacion.operaciones import recuperar_trabajos

    time_machine.move_to(dt.datetime(2026, 5, 4, 15, tzinfo=dt.UTC), tick=False)
    # The broker lost the message: the row stays pending.
    with django_capture_on_commit_callbacks(execute=False):
        informe = services.solicitar_informe(
            anio=2026, trimestre=1, regimen="COPREC", oficina=None, por=agente_admision
        )
    assert services.informes_atrasados().count() == 0  # not overdue yet
    time_machine.shift(dt.timedelta(minutes=6))
    assert list(services.informes_atrasados()) == [informe]
    with django_capture_on_commit_callbacks(execute=True):
        assert recuperar_trabajos()["informes"] == 1
    informe.refresh_from_db()
    assert informe.estado == "emitido" and informe.cifras["presentados"] == 0
    # Run again (a duplicate message): nothing more is issued.
    assert services.generar_informe(informe.pk) is False
