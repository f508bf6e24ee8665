"""Exports: each CSV against a hand count of the quarter in conftest, its header against the data
dictionary (and docs/exportaciones.md), the stream's queries flat in the number of rows, who may
export, and invalid periods in Spanish."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from cuentas.roles import Rol
from exportaciones import diccionario
from reclamos.estados import Estado
from tests.conftest import crear_usuario, sin_mfa
from tests.reclamos.factories import reclamo_en

RAIZ = Path(__file__).resolve().parents[2]
MARZO = {"desde": "2026-03-01", "hasta": "2026-03-31"}


def _url(tipo):
    return f"/panel/exportaciones/{tipo}.csv"


def _consulta(tipo, **valores):
    return {f"{tipo}-{k}": v for k, v in valores.items()}


def _leer(respuesta) -> list[dict]:
    assert isinstance(respuesta, StreamingHttpResponse)
    texto = b"".join(respuesta.streaming_content).decode("utf-8")
    assert texto.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texto[1:])))


def _descargar(client, tipo, **valores):
    respuesta = client.get(_url(tipo), _consulta(tipo, **{**MARZO, **valores}))
    assert respuesta.status_code == 200, respuesta.content[:500]
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in respuesta["Content-Disposition"]
    return _leer(respuesta)


@pytest.mark.django_db
def test_cada_csv_contra_el_conteo_a_mano(client, escenario, administrador, agente_admision):
    e = escenario
    client.force_login(agente_admision)

    reclamos = _descargar(client, "reclamos")
    # A, B, C, D and G; not E (April) nor F (Peru: admission staff work COPREC only).
    assert sorted(f["numero"] for f in reclamos) == sorted(
        e[k].numero for k in ("a", "b", "c", "d", "g")
    )
    fila_g = next(f for f in reclamos if f["numero"] == e["g"].numero)
    assert fila_g["oficina"] == "Sede Centro"
    assert fila_g["estado"] == "EN_ADMISION" and fila_g["estado_texto"] == "En admisión"
    assert fila_g["monto"] == "150000.00" and fila_g["proveedor_cuit"] == "30712345671"
    fila_a = next(f for f in reclamos if f["numero"] == e["a"].numero)
    assert fila_a["presentado_en"] == "2026-03-02 10:00:00"  # 13:00 UTC in Buenos Aires
    assert fila_a["monto_indeterminado"] == "no" and fila_a["proveedores"] == "1"

    oficina = _descargar(client, "reclamos", oficina=e["oficina"].pk)
    assert [f["numero"] for f in oficina] == [e["g"].numero]

    audiencias = _descargar(client, "audiencias")
    assert sorted(f["reclamo"] for f in audiencias) == sorted(e[k].numero for k in ("a", "b", "c"))
    assert {f["resultado"] for f in audiencias} == {
        "incomparecencia_proveedor",
        "acuerdo",
        "sin_acuerdo",
    }
    assert {f["inicio"] for f in audiencias} == {"2026-03-10 09:00:00"}

    honorarios = _descargar(client, "honorarios")
    assert sorted(
        (f["reclamo"], f["tipo"], f["a_cargo"], f["monto"]) for f in honorarios
    ) == sorted(
        [
            (e["a"].numero, "basico", "fondo", "60000.00"),
            (e["b"].numero, "total", "proveedor", "160000.00"),
            (e["c"].numero, "basico", "proveedor", "60000.00"),
        ]
    )

    [multa] = _descargar(client, "multas")
    assert (multa["reclamo"], multa["monto"], multa["estado"]) == (
        e["a"].numero,
        "330000.00",
        "pagada",
    )
    assert multa["certificada_en"] == "2026-03-20 12:00:00"
    assert multa["pagada_el"] == "2026-04-03" and multa["parte_consumidor"] == "110000.00"

    autoridad = {f["numero"]: f for f in _descargar(client, "autoridad")}
    assert set(autoridad) == {e[k].numero for k in ("a", "b", "c", "d", "g")}
    a = autoridad[e["a"].numero]
    assert a["admitido_en"].startswith("2026-03-02") and a["designado_en"]
    assert a["conciliador_matricula"] and a["designaciones"] == "1"
    assert a["primera_audiencia"] == a["ultima_audiencia"] == "2026-03-10 09:00:00"
    assert (a["audiencias_celebradas"], a["incomparecencias_proveedor"]) == ("1", "1")
    assert (a["resultado"], a["concluido_en"][:10]) == ("CERRADO_SIN_ACUERDO", "2026-03-18")
    assert (a["multas"], a["multas_monto"], a["multas_pagado"]) == ("1", "330000.00", "330000.00")
    assert (a["honorario_tipo"], a["honorario_monto"]) == ("basico", "60000.00")
    assert a["canal"] == "en_linea" and a["consumidor_dni"] == "30123456"
    b = autoridad[e["b"].numero]
    assert b["homologado_en"] == "2026-03-20 12:00:00" and b["resultado"] == "HOMOLOGADO"
    assert b["resultado_texto"] == "Acuerdo homologado" and b["multas"] == "0"
    d = autoridad[e["d"].numero]
    assert d["inadmitido_en"].startswith("2026-03-20") and d["admitido_en"] == ""
    assert d["resultado"] == "" and d["primera_audiencia"] == ""
    g = autoridad[e["g"].numero]
    assert (g["canal"], g["oficina"]) == ("oficina", "Sede Centro")

    # The administrator sees both régimenes: "all" adds Peru's claim F; COPREC alone does not.
    client.force_login(administrador)
    todos = _descargar(client, "reclamos")
    assert e["f"].numero in {f["numero"] for f in todos} and len(todos) == 6
    assert len(_descargar(client, "reclamos", regimen="COPREC")) == 5
    [peru] = _descargar(client, "reclamos", regimen="PE-INDECOPI")
    assert peru["regimen"] == "PE-INDECOPI"

    # The API answers the same bytes' content, as text/csv.
    respuesta = client.get("/api/v1/exportaciones/autoridad.csv", MARZO, HTTP_ACCEPT="text/csv")
    assert respuesta.status_code == 200 and respuesta["Content-Type"].startswith("text/csv")
    assert {f["numero"] for f in _leer(respuesta)} == set(autoridad)


@pytest.mark.parametrize("codigo", list(diccionario.EXPORTACIONES))
@pytest.mark.django_db
def test_el_encabezado_es_el_del_diccionario_y_esta_documentado(client, administrador, codigo):
    exportacion = diccionario.EXPORTACIONES[codigo]
    client.force_login(administrador)
    respuesta = client.get(_url(codigo), _consulta(codigo, **MARZO))
    texto = b"".join(respuesta.streaming_content).decode("utf-8")
    encabezado = next(csv.reader(io.StringIO(texto[1:])))
    assert encabezado == exportacion.encabezados
    assert len(set(encabezado)) == len(encabezado)
    documento = (RAIZ / "docs" / "exportaciones.md").read_text()
    seccion = documento.split(f"<!-- exportacion:{codigo} -->")[1].split("<!-- fin -->")[0]
    documentadas = [
        linea.split("|")[1].strip().strip("`")
        for linea in seccion.splitlines()
        if linea.startswith("| `")
    ]
    assert documentadas == encabezado
    # The page shows the same dictionary.
    pagina = client.get("/panel/exportaciones/").content.decode()
    for columna in exportacion.columnas:
        assert f"<code>{columna.nombre}</code>" in pagina


def _sembrar(n, consumidora, organizacion):
    for _ in range(n):
        reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=organizacion)


def _consultas(client, tipo):
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(_url(tipo), _consulta(tipo, desde="2026-01-01", hasta="2026-12-31"))
        filas = _leer(respuesta)
    return len(consultas), len(filas)


@pytest.mark.django_db
def test_el_flujo_no_crece_con_las_filas(
    client, administrador, consumidora, proveedor_activo, settings, time_machine
):
    time_machine.move_to(dt.datetime(2026, 5, 4, 15, tzinfo=dt.UTC), tick=False)
    client.force_login(administrador)
    _sembrar(10, consumidora, proveedor_activo)
    _consultas(client, "reclamos")  # the session's first request writes it: not the stream's
    pocas = {tipo: _consultas(client, tipo) for tipo in ("reclamos", "autoridad")}
    _sembrar(190, consumidora, proveedor_activo)
    muchas = {tipo: _consultas(client, tipo) for tipo in ("reclamos", "autoridad")}
    for tipo in ("reclamos", "autoridad"):
        assert (pocas[tipo][1], muchas[tipo][1]) == (10, 200)
        assert pocas[tipo][0] == muchas[tipo][0], (tipo, pocas[tipo], muchas[tipo])

    # In chunks of 50, 200 rows are 5 statements (the last one finds the end), not 200.
    settings.EXPORTACIONES_TAMANO_BLOQUE = 50
    consultas, filas = _consultas(client, "autoridad")
    assert filas == 200
    assert consultas == muchas["autoridad"][0] + 4


@pytest.mark.django_db
def test_el_csv_se_genera_mientras_se_lee(client, administrador, consumidora, proveedor_activo):
    """Nothing is read before the client reads: the view returns a generator, and the first
    line (BOM and header) comes before any row is queried."""
    client.force_login(administrador)
    _sembrar(3, consumidora, proveedor_activo)
    hoy = dt.date.today().isoformat()
    respuesta = client.get(_url("reclamos"), _consulta("reclamos", desde=hoy, hasta=hoy))
    assert respuesta.streaming
    contenido = iter(respuesta.streaming_content)
    with CaptureQueriesContext(connection) as consultas:
        primera = next(contenido)
    assert primera.startswith("\ufeffnumero,".encode()) and len(consultas) == 0
    resto = b"".join(contenido).decode()
    assert resto.count("\r\n") == 3


# --- who may export ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_quien_no_es_personal_recibe_403(
    client, consumidora, proveedor, conciliador, agente_registro
):
    for usuario in (consumidora, proveedor, conciliador, agente_registro):
        client.force_login(usuario)
        assert client.get("/panel/exportaciones/").status_code == 403
        for tipo in diccionario.EXPORTACIONES:
            assert client.get(_url(tipo), _consulta(tipo, **MARZO)).status_code == 403
            api = client.get(f"/api/v1/exportaciones/{tipo}.csv", MARZO, HTTP_ACCEPT="text/csv")
            assert api.status_code == 403
            assert api["Content-Type"] == "application/json"
            assert api.json()["error"]["codigo"] == "forbidden"
        assert client.post("/panel/exportaciones/informes/").status_code == 403
        assert client.get("/api/v1/exportaciones/informes/").status_code == 403


@pytest.mark.django_db
def test_cada_rol_exporta_lo_suyo(client, homologador, funcionario, agente_admision):
    client.force_login(homologador)
    assert client.get(_url("honorarios"), _consulta("honorarios", **MARZO)).status_code == 200
    assert client.get(_url("multas"), _consulta("multas", **MARZO)).status_code == 403
    assert client.get(_url("autoridad"), _consulta("autoridad", **MARZO)).status_code == 403
    client.force_login(funcionario)
    assert client.get(_url("reclamos"), _consulta("reclamos", **MARZO)).status_code == 200
    assert client.get(_url("autoridad"), _consulta("autoridad", **MARZO)).status_code == 403
    # Peru's official cannot ask for COPREC: the form refuses the régimen, in Spanish.
    respuesta = client.get(_url("reclamos"), _consulta("reclamos", regimen="COPREC", **MARZO))
    assert respuesta.status_code == 400
    assert "no está entre los que podés exportar" in respuesta.content.decode()
    client.force_login(agente_admision)
    assert client.get("/panel/exportaciones/no-existe.csv").status_code == 404


@pytest.mark.django_db
def test_personal_sin_mfa_va_a_activarla(client, agente_admision):
    client.force_login(sin_mfa(agente_admision))
    respuesta = client.get(_url("reclamos"), _consulta("reclamos", **MARZO))
    assert respuesta.status_code == 302 and "/cuentas/2fa/totp/activate" in respuesta["Location"]
    assert client.get("/panel/exportaciones/").status_code == 302
    api = client.get("/api/v1/exportaciones/reclamos.csv", MARZO)
    assert api.status_code == 403 and api.json()["error"]["codigo"] == "mfa_required"


@pytest.mark.django_db
def test_sin_sesion_va_al_ingreso(client):
    respuesta = client.get("/panel/exportaciones/")
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]
    assert client.get("/api/v1/exportaciones/reclamos.csv", MARZO).status_code in (401, 403)


# --- invalid periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valores", "mensaje"),
    [
        ({"hasta": "2026-03-31"}, "Ingresá la fecha de inicio del período."),
        ({"desde": "2026-03-31", "hasta": "2026-03-01"}, "no puede ser anterior a la de inicio"),
        ({"desde": "2024-01-01", "hasta": "2026-03-31"}, "no puede superar los 366 días"),
        (
            {"desde": "31/02/2026", "hasta": "2026-03-31"},
            "Ingresá la fecha de inicio como día/mes/año",
        ),
        ({"desde": "2030-01-01", "hasta": "2030-01-31"}, "empieza en el futuro"),
    ],
)
@pytest.mark.django_db
def test_periodo_invalido_en_castellano_sin_perder_lo_ingresado(
    client, agente_admision, valores, mensaje
):
    client.force_login(agente_admision)
    respuesta = client.get(_url("multas"), _consulta("multas", **valores))
    assert respuesta.status_code == 400
    pagina = respuesta.content.decode()
    assert mensaje in pagina
    assert "Revisá el período de la exportación" in pagina
    for valor in valores.values():
        assert f'value="{valor}"' in pagina
    api = client.get("/api/v1/exportaciones/multas.csv", valores, HTTP_ACCEPT="text/csv")
    assert api.status_code == 400 and api["Content-Type"] == "application/json"
    cuerpo = api.json()["error"]
    assert cuerpo["codigo"] == "invalid"
    assert any(mensaje in m for mensajes in cuerpo["campos"].values() for m in mensajes)


@pytest.mark.django_db
def test_la_pagina_usa_formatos_locales(client, agente_admision):
    client.force_login(agente_admision)
    pagina = client.get("/panel/exportaciones/").content.decode()
    assert "Diccionario de datos: Informe a la autoridad nacional (COPREC)" in pagina
    assert "D202-I.17" in pagina and "Ley 26.993 art. 16" in pagina


def test_el_esquema_documenta_las_exportaciones(client, db, administrador):
    client.force_login(administrador)
    esquema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operacion = esquema["paths"]["/api/v1/exportaciones/{tipo}.csv"]["get"]
    assert "text/csv" in operacion["responses"]["200"]["content"]
    assert {"400", "403"} <= set(operacion["responses"])
    parametros = {p["name"] for p in operacion["parameters"]}
    assert {"tipo", "desde", "hasta", "regimen", "oficina"} <= parametros
    assert "202" in esquema["paths"]["/api/v1/exportaciones/informes/"]["post"]["responses"]


@pytest.mark.django_db
def test_un_usuario_creado_sin_rol_de_personal_no_ve_el_menu(client):
    usuario = crear_usuario("curioso@example.com", Rol.CONSUMIDOR)
    client.force_login(usuario)
    assert "/panel/exportaciones/" not in client.get("/").content.decode()
