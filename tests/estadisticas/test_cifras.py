"""The maintained figures against a hand count, small-cell suppression, the downloads against
the data dictionary, the incremental refresh, the API, and who may see the dashboard."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cuentas.models import Organizacion
from cuentas.roles import Rol
from estadisticas.definiciones import columnas
from estadisticas.models import Cifra, ClasificacionProveedor, EstadoDeCifras
from estadisticas.refresco import refrescar
from estadisticas.selectors import fila_interna, fila_publica
from reclamos.estados import Estado as E
from reclamos.models import Reclamo
from tests.conftest import crear_usuario
from tests.estadisticas import sembrado as s

pytestmark = pytest.mark.django_db

MARZO = dt.date(2026, 3, 1)
SEMANA = dt.date(2026, 3, 2)
A, B, C, D = "30711111112", "30700000016", "30500010912", "30546689979"


def _clasificar(ident, sector):
    ClasificacionProveedor.objects.create(identificador=ident, sector=sector)


def _fila(corte, periodo="mes", desde=MARZO, **filtro):
    return Cifra.objects.get(corte=corte, periodo=periodo, desde=desde, **filtro)


@pytest.fixture
def escenario(consumidora, agente_admision, funcionario, time_machine):
    """A: six claims with a known history; C: one claim; C and D together: one claim. A is in
    telecommunications, C and D in finance; two of A's claims were filed at an office."""
    a, c, d = (
        s.organizacion(A, "Telco A S.A."),
        s.organizacion(C, "Banco C"),
        s.organizacion(D, "Financiera D"),
    )
    _clasificar(A, "telecomunicaciones")
    _clasificar(C, "finanzas")
    _clasificar(D, "finanzas")
    rs = s.seis_reclamos_de(
        a,
        consumidor=consumidora,
        agente=agente_admision,
        funcionario=funcionario,
        time_machine=time_machine,
    )
    oficina = Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA,
        tipo_identificador="CUIT",
        identificador="30999999995",
        razon_social="Oficina Centro",
        domicilio_legal="Av. de Mayo 1, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )
    Reclamo.objects.filter(pk__in=[rs[0].pk, rs[1].pk]).update(oficina=oficina)
    s.reclamo([c], consumidor=consumidora, time_machine=time_machine)
    s.reclamo([c, d], consumidor=consumidora, time_machine=time_machine)
    time_machine.move_to(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False)
    return {"oficina": oficina, "reclamos": rs}


A_A_MANO = {
    "suprimido": False,
    "reclamos_recibidos": 6,
    "reclamos_admitidos": 4,  # a1..a4
    "audiencias_celebradas": 4,
    "tasa_acuerdo": 0.5,  # a1, a4 of a1..a4
    "tasa_incomparecencia_proveedor": 0.25,  # a3 of the four with a hearing
    "tasa_cumplimiento": 0.5,  # a1 complied, a4 did not
    "mediana_dias_primera_audiencia": 11.0,  # 8, 10, 12, 14
    "mediana_dias_cierre": 10.0,  # 3, 8, 10, 12, 20
}


def test_cada_cifra_coincide_con_la_cuenta_a_mano(escenario, settings):
    settings.DATOS_ABIERTOS_K = 1
    assert refrescar() == 1  # March only
    for periodo, desde in (("mes", MARZO), ("semana", SEMANA)):
        fila = fila_publica(_fila("proveedor", periodo, desde, identificador=A), "proveedores")
        assert {k: fila[k] for k in A_A_MANO} == A_A_MANO
        assert (fila["proveedor"], fila["sector"], fila["regimen"]) == (
            "Telco A S.A.",
            "telecomunicaciones",
            "COPREC",
        )
    # The sector of A is A; finance counts the joint claim once, each provider counts it.
    tele = fila_publica(_fila("sector", sector="telecomunicaciones"), "sectores")
    assert {k: tele[k] for k in A_A_MANO} == A_A_MANO
    finanzas = _fila("sector", sector="finanzas")
    assert (finanzas.recibidos, finanzas.admitidos, finanzas.audiencias) == (2, 0, 0)
    assert _fila("proveedor", identificador=C).recibidos == 2
    assert _fila("proveedor", identificador=D).recibidos == 1
    total = fila_publica(_fila("regimen"), "regimenes")
    assert total["reclamos_recibidos"] == 8
    assert total["reclamos_admitidos"] == 4
    assert total["mediana_dias_cierre"] == 10.0
    # The office where a1 and a2 were filed, and the online rest.
    oficina = fila_interna(_fila("oficina", oficina=escenario["oficina"]))
    assert oficina["reclamos_recibidos"] == 2
    assert oficina["tasa_acuerdo"] == 0.5
    assert oficina["mediana_dias_primera_audiencia"] == 11.0  # 10 and 12
    assert _fila("oficina", oficina=None).recibidos == 6
    # No other month has rows, and nothing is suppressed with k = 1.
    assert not Cifra.objects.exclude(desde__in=[MARZO, SEMANA]).exists()
    assert not Cifra.objects.filter(suprimido=True).exists()
    estado = EstadoDeCifras.actual()
    assert estado.calculado_en is not None and estado.periodos == 1


def test_las_celdas_chicas_se_suprimen_y_tambien_la_que_permitiria_restar(
    client, consumidora, agente_admision, funcionario, time_machine, settings
):
    settings.DATOS_ABIERTOS_K = 5
    a, b, c, d = (
        s.organizacion(A, "Telco A"),
        s.organizacion(B, "Telco B"),
        s.organizacion(C, "Banco C"),
        s.organizacion(D, "Telco D"),
    )
    for ident in (A, B, D):
        _clasificar(ident, "telecomunicaciones")
    _clasificar(C, "finanzas")
    s.seis_reclamos_de(
        a,
        consumidor=consumidora,
        agente=agente_admision,
        funcionario=funcionario,
        time_machine=time_machine,
    )
    for org, n in ((b, 5), (c, 5), (d, 2)):
        for _ in range(n):
            s.reclamo([org], consumidor=consumidora, time_machine=time_machine)
    refrescar()
    publicas = {
        f.identificador: fila_publica(f, "proveedores")
        for f in Cifra.objects.filter(corte="proveedor", periodo="mes")
    }
    assert publicas[D]["suprimido"] and publicas[D]["reclamos_recibidos"] is None
    # Telecommunications minus A minus B would give D: B (the smallest) is hidden too.
    assert publicas[B]["suprimido"] and publicas[B]["reclamos_recibidos"] is None
    assert not publicas[A]["suprimido"] and publicas[A]["reclamos_recibidos"] == 6
    assert not publicas[C]["suprimido"] and publicas[C]["reclamos_recibidos"] == 5
    # A's rates with fewer than k cases in their denominator stay empty; closure has 5.
    assert publicas[A]["tasa_acuerdo"] is None
    assert publicas[A]["mediana_dias_primera_audiencia"] is None
    assert publicas[A]["mediana_dias_cierre"] == 10.0
    # The API, the CSV and the page never show a suppressed figure.
    api = client.get("/api/v1/datos/proveedores/").json()
    por_ident = {f["identificador"]: f for f in api["results"]}
    assert por_ident[D]["reclamos_recibidos"] is None and por_ident[D]["suprimido"] is True
    descarga = client.get(reverse("estadisticas:descarga", args=["proveedores", "csv"]))
    filas = {
        r["identificador"]: r
        for r in csv.DictReader(io.StringIO(b"".join(descarga.streaming_content).decode()))
    }
    assert filas[B]["suprimido"] == "true" and filas[B]["reclamos_recibidos"] == ""
    pagina = client.get(reverse("estadisticas:datos_abiertos")).text
    assert "Telco D" in pagina and "menos de 5" in pagina


def test_el_csv_y_el_json_siguen_el_diccionario(client, escenario, settings):
    settings.DATOS_ABIERTOS_K = 1
    refrescar()
    diccionario = client.get(reverse("estadisticas:diccionario_json")).json()
    for corte in ("proveedores", "sectores", "regimenes"):
        respuesta = client.get(reverse("estadisticas:descarga", args=[corte, "csv"]))
        assert respuesta.status_code == 200
        filas = list(csv.reader(io.StringIO(b"".join(respuesta.streaming_content).decode())))
        campos = [c["name"] for c in diccionario["recursos"][corte]["schema"]["fields"]]
        assert filas[0] == campos == columnas(corte)
        assert len(filas) > 1 and all(len(f) == len(campos) for f in filas)
        datos = json.loads(
            b"".join(
                client.get(reverse("estadisticas:descarga", args=[corte, "json"])).streaming_content
            )
        )
        assert datos and all(list(f) == campos for f in datos)
    prov = client.get(reverse("estadisticas:descarga", args=["proveedores", "csv"]))
    texto = b"".join(prov.streaming_content).decode()
    fila_a = next(r for r in csv.DictReader(io.StringIO(texto)) if r["identificador"] == A)
    assert fila_a["tasa_acuerdo"] == "0.5" and fila_a["mediana_dias_cierre"] == "10.0"
    assert diccionario["licencia"]["nombre"] == "CC BY 4.0"
    # No personal data: no consumer's name, DNI or e-mail anywhere in the downloads.
    assert "Fernández" not in texto and "30123456" not in texto and "@" not in texto


def test_el_refresco_es_incremental(escenario, settings, time_machine, consumidora):
    settings.DATOS_ABIERTOS_K = 1
    assert refrescar() == 1
    assert refrescar() == 0  # nothing happened since
    a6 = escenario["reclamos"][5]
    time_machine.move_to(dt.datetime(2026, 5, 2, 12, tzinfo=dt.UTC), tick=False)
    s.acto(a6, E.ADMITIDO, 59, desde=E.EN_ADMISION)
    # A paper claim of April entered today (its act is today's): March and April are recomputed.
    abril = s.reclamo(
        [Organizacion.objects.get(identificador=A)],
        consumidor=consumidora,
        time_machine=time_machine,
        cuando=dt.datetime(2026, 4, 15, 15, tzinfo=dt.UTC),
    )
    time_machine.move_to(dt.datetime(2026, 5, 2, 13, tzinfo=dt.UTC), tick=False)
    s.acto(abril, E.EN_ADMISION, 17)
    assert refrescar() == 2
    assert _fila("proveedor", identificador=A).admitidos == 5
    assert _fila("proveedor", desde=dt.date(2026, 4, 1), identificador=A).recibidos == 1
    assert Cifra.objects.filter(corte="regimen", periodo="mes").count() == 2


def test_la_pagina_publica_no_pide_cuenta_y_dibuja_sus_graficos(client, escenario, settings):
    settings.DATOS_ABIERTOS_K = 1
    refrescar()
    respuesta = client.get(reverse("estadisticas:datos_abiertos"))
    assert respuesta.status_code == 200
    html = respuesta.text
    assert html.count("<svg") == 2 and 'role="img"' in html and "<title" in html
    assert "Ver los datos del gráfico en una tabla" in html
    assert "Telco A S.A." in html and "Cifras actualizadas el" in html and "CC BY 4.0" in html
    assert client.get(reverse("estadisticas:diccionario")).status_code == 200
    # A bad filter keeps the page (with a message), never a 500.
    malo = client.get(reverse("estadisticas:datos_abiertos") + "?periodo=anio&desde=ayer")
    assert malo.status_code == 200 and "Revisá los filtros" in malo.text


def test_la_api_de_datos_es_publica_paginada_y_valida_la_consulta(client, escenario, settings):
    settings.DATOS_ABIERTOS_K = 1
    refrescar()
    respuesta = client.get("/api/v1/datos/proveedores/?tamano=2")
    assert respuesta.status_code == 200
    cuerpo = respuesta.json()
    assert len(cuerpo["results"]) == 2 and cuerpo["next"]
    assert list(cuerpo["results"][0]) == columnas("proveedores")
    vistos = {f["identificador"] for f in cuerpo["results"]}
    siguiente = client.get(cuerpo["next"]).json()
    vistos |= {f["identificador"] for f in siguiente["results"]}
    assert vistos == {A, C, D}
    uno = client.get(f"/api/v1/datos/proveedores/?identificador={A}&periodo=semana").json()
    assert [f["desde"] for f in uno["results"]] == ["2026-03-02"]
    assert (
        client.get("/api/v1/datos/sectores/?sector=finanzas").json()["results"][0][
            "reclamos_recibidos"
        ]
        == 2
    )
    for malo in ("?periodo=anio", "?identificador=abc", "?desde=ayer", "?tamano=x"):
        error = client.get("/api/v1/datos/proveedores/" + malo)
        assert error.status_code == 400 and "error" in error.json(), malo
    assert client.get("/api/v1/datos/diccionario/").json()["k"] == 1
    esquema = client.get("/api/schema/").content.decode()
    for ruta in ("/api/v1/datos/proveedores/", "/api/v1/datos/diccionario/"):
        assert ruta in esquema


def test_el_tablero_es_solo_del_personal_con_mfa(
    client, escenario, consumidora, proveedor, conciliador, agente_admision, settings
):
    refrescar()
    url = reverse("estadisticas:tablero")
    assert client.get(url).status_code == 302
    sin_segundo_paso = crear_usuario("nuevo@autoridad.example", Rol.ADMISION)
    for quien in (consumidora, proveedor, conciliador, sin_segundo_paso):
        client.force_login(quien)
        assert client.get(url).status_code in (302, 403), quien
        assert "Tablero" not in client.get(url).text
    client.force_login(agente_admision)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    html = respuesta.text
    assert html.count("<svg") == 4
    assert "Admisión" in html and "Homologación" in html and "Carga de los conciliadores" in html
    # Filtered by office: that office's figures; the CSV has what is shown.
    oficina = escenario["oficina"]
    csv_resp = client.get(f"{url}?oficina={oficina.pk}&formato=csv")
    filas = list(csv.reader(io.StringIO(b"".join(csv_resp.streaming_content).decode())))
    assert filas[0][:4] == ["regimen", "oficina", "periodo", "desde"]
    assert filas[1][1] == "Oficina Centro" and filas[1][4] == "2"
    assert client.get(f"{url}?oficina=999999&periodo=x").status_code == 200


def test_la_cola_del_tablero_cuenta_y_da_la_antiguedad(
    client, escenario, agente_admision, time_machine
):
    refrescar()
    client.force_login(agente_admision)
    html = client.get(reverse("estadisticas:tablero")).text
    # a6, C's and the joint claim are in admission since 4/3 (58 days before 1/5 12:00 UTC).
    assert "<td>Admisión</td><td>3</td><td>57</td>" in html.replace("\n", "")


def _consultas(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return len(consultas)


def test_consultas_constantes_con_mas_proveedores(
    client, consumidora, agente_admision, time_machine, settings
):
    settings.DATOS_ABIERTOS_K = 1
    orgs = [s.organizacion(f"3070000{i:03d}1", f"Empresa {i}") for i in range(30)]
    for org in orgs[:10]:
        s.reclamo([org], consumidor=consumidora, time_machine=time_machine)
    refrescar(completo=True)
    publica = reverse("estadisticas:datos_abiertos")
    api = "/api/v1/datos/proveedores/"
    pocas = (_consultas(client, publica), _consultas(client, api))
    client.force_login(agente_admision)
    tablero = _consultas(client, reverse("estadisticas:tablero"))
    client.logout()
    for org in orgs[10:]:
        s.reclamo([org], consumidor=consumidora, time_machine=time_machine)
    refrescar(completo=True)
    assert (_consultas(client, publica), _consultas(client, api)) == pocas
    client.force_login(agente_admision)
    assert _consultas(client, reverse("estadisticas:tablero")) == tablero


def test_las_colas_y_plazos_del_tablero_se_guardan_un_minuto(escenario):
    from estadisticas import operativas

    primera = operativas.en_cache("colas", operativas.colas, regimen="COPREC", oficina=None)
    with CaptureQueriesContext(connection) as consultas:
        segunda = operativas.en_cache("colas", operativas.colas, regimen="COPREC", oficina=None)
    assert segunda == primera and len(consultas) == 0
    # Another filter is another entry.
    with CaptureQueriesContext(connection) as consultas:
        operativas.en_cache("colas", operativas.colas, regimen="PE-INDECOPI", oficina=None)
    assert len(consultas) > 0
