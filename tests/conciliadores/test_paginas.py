"""Pages of conciliadores: the public directory and draw verification, the claim page's section,
the consumer's choice, the conciliator's profile and the registry and admission staff's pages."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conciliadores.models import DocumentoAutonomo, Licencia, Propuesta, Sancion, Sorteo
from conciliadores.services import designacion as servicio
from conciliadores.services.sorteo import sortear_conciliador
from reclamos.estados import Estado
from tests.conciliadores.conftest import crear_conciliador
from tests.documentos.muestras import pdf_en_blanco, subido

pytestmark = pytest.mark.django_db
HOY = timezone.localdate


def _sancionar(conciliador, por, tipo=Sancion.Tipo.EXCLUSION):
    return Sancion.objects.create(
        conciliador=conciliador,
        tipo=tipo,
        desde=HOY() - datetime.timedelta(days=1),
        causal="Anexo II art. 5",
        resolucion="RESOL-2026-9-SJ",
        registrada_por=por,
    )


# --- Public directory ------------------------------------------------------------------------


def test_el_directorio_lista_activos_con_oficina_y_modalidad_sin_sancionados(
    client, agente_registro
):
    activa = crear_conciliador("D-0001", modalidades=["video"])
    de_licencia = crear_conciliador("D-0002")
    Licencia.objects.create(
        conciliador=de_licencia,
        desde=HOY(),
        hasta=HOY() + datetime.timedelta(days=9),
        motivo="Viaje",
        estado=Licencia.Estado.APROBADA,
        solicitada_por=de_licencia.usuario,
    )
    inactiva = crear_conciliador("D-0003", activo=False)
    excluida = crear_conciliador("D-0004")
    _sancionar(excluida, agente_registro)
    html = client.get(reverse("conciliadores:directorio")).content.decode()
    assert activa.nombre in html and "D-0001" in html and "Videoconferencia" in html
    assert activa.domicilio_profesional in html
    fin = (HOY() + datetime.timedelta(days=9)).strftime("%d/%m/%Y")
    assert "D-0002" in html and f"De licencia hasta el {fin}" in html
    assert "D-0003" not in html and inactiva.nombre not in html
    assert "D-0004" not in html


def test_el_directorio_filtra_por_jurisdiccion_y_modalidad(client):
    crear_conciliador("F-0001", jurisdicciones=["Córdoba"], modalidades=["presencial"])
    crear_conciliador("F-0002", jurisdicciones=["CABA"], modalidades=["video"])
    url = reverse("conciliadores:directorio")
    html = client.get(url, {"jurisdiccion": "cordoba"}).content.decode()
    assert "F-0001" in html and "F-0002" not in html
    html = client.get(url, {"modalidad": "video"}).content.decode()
    assert "F-0002" in html and "F-0001" not in html
    # An unknown mode is ignored, never a 500.
    assert client.get(url, {"modalidad": "telepatia"}).status_code == 200


def test_el_directorio_hace_las_mismas_consultas_con_muchos(client, django_assert_max_num_queries):
    crear_conciliador()
    url = reverse("conciliadores:directorio")
    with CaptureQueriesContext(connection) as pocos:
        client.get(url)
    for _ in range(15):
        crear_conciliador()
    with django_assert_max_num_queries(len(pocos)):
        assert client.get(url).status_code == 200


# --- Draw verification -----------------------------------------------------------------------


@pytest.fixture
def sorteado(reclamo_a, consumidora, cinco_conciliadores):
    sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    return Sorteo.objects.get(reclamo=reclamo_a, ronda=1)


def test_antes_del_sorteo_la_pagina_muestra_solo_el_compromiso(client, reclamo_a):
    sorteo = Sorteo.objects.get(reclamo=reclamo_a)
    html = client.get(reverse("conciliadores:sorteo", args=[reclamo_a.numero])).content.decode()
    assert sorteo.compromiso in html
    assert sorteo.semilla not in html
    assert "todavía no se sorteó" in html


def test_la_pagina_del_sorteo_recalcula_y_coincide(client, sorteado):
    import hashlib

    html = client.get(
        reverse("conciliadores:sorteo", args=[sorteado.reclamo.numero])
    ).content.decode()
    assert sorteado.semilla in html and sorteado.compromiso in html
    assert hashlib.sha256(sorteado.semilla.encode()).hexdigest() == sorteado.compromiso
    assert "igual al compromiso" in html and "Coincide." in html
    assert sorteado.hmac in html
    for fila in sorteado.padron:
        assert fila["matricula"] in html
    # The consumer's personal data is not on the public page.
    assert sorteado.reclamo.consumidor_email not in html
    assert sorteado.reclamo.consumidor_dni not in html


def test_la_pagina_rechaza_una_semilla_alterada(client, sorteado):
    url = reverse("conciliadores:sorteo", args=[sorteado.reclamo.numero])
    otra = "0" * 64 if sorteado.semilla != "0" * 64 else "1" * 64
    html = client.post(url, {"semilla": otra, "padron": ""}).content.decode()
    assert "No coincide" in html
    assert "el SHA-256 de esa semilla no es el compromiso publicado" in html
    assert 'value="' + otra + '"' in html  # what was typed stays


def test_la_pagina_rechaza_una_lista_alterada_y_acepta_la_publicada(client, sorteado):
    url = reverse("conciliadores:sorteo", args=[sorteado.reclamo.numero])
    sin_ganador = [f for f in sorteado.padron if f["matricula"] != sorteado.resultado_matricula]
    html = client.post(url, {"semilla": "", "padron": json.dumps(sin_ganador)}).content.decode()
    assert "No coincide" in html and "el HMAC calculado con esos datos no es el publicado" in html
    html = client.post(
        url, {"semilla": sorteado.semilla, "padron": json.dumps(sorteado.padron)}
    ).content.decode()
    assert "Coincide</strong>" in html and "No coincide" not in html


def test_un_padron_que_no_es_json_se_explica_sin_error(client, sorteado):
    url = reverse("conciliadores:sorteo", args=[sorteado.reclamo.numero])
    respuesta = client.post(url, {"semilla": "", "padron": "[{roto"})
    assert respuesta.status_code == 200
    assert "El padrón no es un JSON válido." in respuesta.content.decode()
    respuesta = client.post(url, {"semilla": "zz", "padron": ""})
    assert respuesta.status_code == 200 and "No coincide" in respuesta.content.decode()


def test_un_numero_sin_sorteo_da_404(client, reclamo_c):
    assert client.get(reverse("conciliadores:sorteo", args=[reclamo_c.numero])).status_code == 404
    assert client.get(reverse("conciliadores:sorteo", args=["NO-EXISTE"])).status_code == 404


def test_el_registro_publico_de_sorteos_lista_los_realizados(client, sorteado):
    html = client.get(reverse("conciliadores:sorteos")).content.decode()
    assert sorteado.reclamo.numero in html and sorteado.resultado_matricula in html


# --- The claim page --------------------------------------------------------------------------


def test_el_reclamo_muestra_al_designado_con_sus_datos_de_contacto(client, sorteado, consumidora):
    client.force_login(consumidora)
    designado = sorteado.resultado
    html = client.get(reverse("reclamos:detalle", args=[sorteado.reclamo_id])).content.decode()
    for dato in (
        designado.nombre,
        designado.matricula,
        designado.email_para_partes,
        designado.telefono,
        designado.domicilio_profesional,
        sorteado.compromiso,
        "Ver y verificar el sorteo",
        "Recusar al conciliador",
    ):
        assert dato in html, dato


def test_la_consumidora_elige_desde_el_reclamo_y_el_elegido_acepta(
    client, reclamo_c, consumidora, perfil_ana
):
    crear_conciliador("E-0002", jurisdicciones=["Córdoba"])  # not for this claim
    client.force_login(consumidora)
    detalle = reverse("reclamos:detalle", args=[reclamo_c.pk])
    assert "Elegir conciliador/a" in client.get(detalle).content.decode()
    url = reverse("conciliadores:elegir", args=[reclamo_c.pk])
    html = client.get(url).content.decode()
    assert perfil_ana.matricula in html and "E-0002" not in html
    # Nothing chosen: a clear message, no 500.
    assert "Elegí un conciliador del listado." in client.post(url, {}).content.decode()
    respuesta = client.post(url, {"conciliador": perfil_ana.pk})
    assert respuesta.status_code == 302
    propuesta = Propuesta.objects.get(reclamo=reclamo_c)
    assert "Esperando que" in client.get(detalle).content.decode()

    client.force_login(perfil_ana.usuario)
    url = reverse("conciliadores:propuesta", args=[propuesta.pk])
    assert client.post(url, {"decision": "aceptar"}).status_code == 302
    reclamo_c.refresh_from_db()
    assert reclamo_c.estado == Estado.CONCILIADOR_DESIGNADO
    assert "Excusarme" in client.get(detalle).content.decode()


def test_solo_la_consumidora_elige(client, reclamo_c, proveedor, extrano, perfil_ana):
    url = reverse("conciliadores:elegir", args=[reclamo_c.pk])
    client.force_login(extrano)
    assert client.get(url).status_code == 404
    client.force_login(proveedor)
    # Not served yet (ADMITIDO), the claim does not exist for its provider (Decision 0015).
    assert client.post(url, {"conciliador": perfil_ana.pk}).status_code == 404
    assert not Propuesta.objects.exists()


def test_rechazar_sin_motivo_pide_el_motivo_y_conserva_lo_elegido(
    client, reclamo_c, consumidora, perfil_ana
):
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    client.force_login(perfil_ana.usuario)
    url = reverse("conciliadores:propuesta", args=[propuesta.pk])
    html = client.post(url, {"decision": "rechazar", "tipo_motivo": "sin_causa"}).content.decode()
    assert "Explicá el motivo." in html
    assert re.search(r'value="sin_causa"[^>]*checked', html)
    propuesta.refresh_from_db()
    assert propuesta.estado == Propuesta.Estado.PENDIENTE


# --- Method b pages --------------------------------------------------------------------------


def test_documento_autonomo_desde_la_pagina_y_checklist_del_personal(
    client, reclamo_b, consumidora, agente_admision, perfil_ana
):
    client.force_login(consumidora)
    url = reverse("conciliadores:documento", args=[reclamo_b.pk])
    futura = (HOY() + datetime.timedelta(days=3)).isoformat()
    archivo = subido("designacion.pdf", pdf_en_blanco(), "application/pdf")
    html = client.post(
        url, {"archivo": archivo, "fecha_documento": futura, "conciliador": perfil_ana.pk}
    ).content.decode()
    assert "La fecha del documento no puede ser futura." in html
    assert f'value="{futura}"' in html
    archivo = subido("designacion.pdf", pdf_en_blanco(), "application/pdf")
    respuesta = client.post(
        url,
        {"archivo": archivo, "fecha_documento": HOY().isoformat(), "conciliador": perfil_ana.pk},
    )
    assert respuesta.status_code == 302
    documento = DocumentoAutonomo.objects.get(reclamo=reclamo_b)

    client.force_login(agente_admision)
    assert documento.reclamo.numero in client.get(reverse("conciliadores:cola")).content.decode()
    revisar = reverse("conciliadores:revisar_documento", args=[documento.pk])
    html = client.get(revisar).content.decode()
    assert "Se refiere expresamente a este reclamo" in html
    html = client.post(revisar, {"independiente": "on", "posterior": "on"}).content.decode()
    assert "Indicá qué debe corregir el consumidor." in html
    todos = dict.fromkeys(DocumentoAutonomo.REQUISITOS, "on")
    assert client.post(revisar, todos).status_code == 302
    assert Propuesta.objects.get(reclamo=reclamo_b).conciliador == perfil_ana


# --- The conciliator's own pages --------------------------------------------------------------


def test_el_conciliador_actualiza_su_contacto_pero_no_su_matricula(client, perfil_ana):
    client.force_login(perfil_ana.usuario)
    url = reverse("conciliadores:mi_perfil")
    assert perfil_ana.matricula in client.get(url).content.decode()
    respuesta = client.post(
        url,
        {
            "modalidades": ["video"],
            "domicilio_profesional": "Tucumán 500, CABA",
            "telefono": "11 5555-0000",
            "email_contacto": "ana.mediaciones@example.com",
            "matricula": "HACKEO",
        },
    )
    assert respuesta.status_code == 302
    perfil_ana.refresh_from_db()
    assert perfil_ana.modalidades == ["video"]
    assert perfil_ana.email_para_partes == "ana.mediaciones@example.com"
    assert perfil_ana.matricula == "A-0001"


def test_el_conciliador_pide_licencia_y_sigue_habilitado_hasta_que_se_apruebe(
    client, perfil_ana, reclamo_c, consumidora
):
    client.force_login(perfil_ana.usuario)
    url = reverse("conciliadores:solicitar_licencia")
    html = client.post(
        url, {"desde": HOY().isoformat(), "hasta": HOY().isoformat(), "motivo": " "}
    ).content.decode()
    assert "Revisá lo que cargaste" in html
    respuesta = client.post(
        url, {"desde": HOY().isoformat(), "hasta": HOY().isoformat(), "motivo": "Congreso"}
    )
    assert respuesta.status_code == 302
    assert Licencia.objects.get(conciliador=perfil_ana).estado == Licencia.Estado.SOLICITADA
    assert servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana).pk


def test_quien_no_es_conciliador_no_tiene_perfil(client, consumidora):
    client.force_login(consumidora)
    assert client.get(reverse("conciliadores:mi_perfil")).status_code == 403


# --- Registry staff ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ruta", ["conciliadores:registro", "conciliadores:licencias", "conciliadores:nuevo"]
)
def test_las_paginas_del_registro_son_del_personal_del_registro(
    client, agente_admision, conciliador, agente_registro, ruta
):
    for usuario in (agente_admision, conciliador):
        client.force_login(usuario)
        assert client.get(reverse(ruta)).status_code == 403
    client.force_login(agente_registro)
    assert client.get(reverse(ruta)).status_code == 200


def test_el_registro_aprueba_una_licencia_y_bloquea_la_eleccion(
    client, agente_registro, perfil_ana, reclamo_c, consumidora
):
    from conciliacion.errores import DatosInvalidos
    from conciliadores.services import registro

    licencia = registro.solicitar_licencia(
        perfil_ana, por=perfil_ana.usuario, desde=HOY(), hasta=HOY(), motivo="Salud"
    )
    client.force_login(agente_registro)
    assert "Salud" in client.get(reverse("conciliadores:licencias")).content.decode()
    url = reverse("conciliadores:decidir_licencia", args=[licencia.pk])
    html = client.post(url, {"decision": "rechazar"}).content.decode()
    assert "Indicá por qué se rechaza." in html
    assert client.post(url, {"decision": "aprobar"}).status_code == 302
    licencia.refresh_from_db()
    assert licencia.estado == Licencia.Estado.APROBADA and licencia.decidida_por == agente_registro
    with pytest.raises(DatosInvalidos, match="licencia"):
        servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)


def test_alta_de_conciliador_por_el_registro(client, agente_registro):
    client.force_login(agente_registro)
    datos = {
        "email": "nuevo@conciliadores.example",
        "nombre": "Nora",
        "apellido": "Quiroga",
        "matricula": "N-0001",
        "tipo": "a",
        "jurisdicciones": "CABA, La Plata",
        "modalidades": ["presencial"],
        "domicilio_profesional": "Viamonte 100, CABA",
        "activo": "on",
    }
    respuesta = client.post(reverse("conciliadores:nuevo"), datos)
    assert respuesta.status_code == 302
    from conciliadores.models import Conciliador

    nora = Conciliador.objects.get(matricula="N-0001")
    assert nora.jurisdicciones == ["CABA", "La Plata"] and nora.usuario.rol == "conciliador"
    # Type b without an office: refused with the field kept.
    datos.update(email="otro@conciliadores.example", matricula="N-0002", tipo="b")
    html = client.post(reverse("conciliadores:nuevo"), datos).content.decode()
    assert "actúa solo en oficinas" in html and 'value="N-0002"' in html


def test_la_ficha_marca_el_exceso_de_rechazos(client, agente_registro, perfil_ana, reclamo_c):
    from conciliadores.models import Rechazo

    for _ in range(4):
        Rechazo.objects.create(
            conciliador=perfil_ana,
            reclamo=reclamo_c,
            anio=HOY().year,
            motivo="No",
            justificado=False,
        )
    client.force_login(agente_registro)
    html = client.get(reverse("conciliadores:ficha", args=[perfil_ana.pk])).content.decode()
    assert "causal de suspensión (Anexo II, art. 4 g)" in html
    lista = client.get(reverse("conciliadores:registro")).content.decode()
    assert "Causal de suspensión (Anexo II art. 4 g)" in lista


def test_el_registro_sanciona_y_el_sancionado_no_puede_ser_elegido(
    client, agente_registro, perfil_ana, reclamo_c, consumidora
):
    from conciliacion.errores import DatosInvalidos

    client.force_login(agente_registro)
    url = reverse("conciliadores:sancionar", args=[perfil_ana.pk])
    datos = {
        "tipo": "suspension",
        "desde": HOY().isoformat(),
        "hasta": (HOY() + datetime.timedelta(days=2)).isoformat(),
        "causal": "Anexo II art. 4 g",
        "resolucion": "RESOL-2026-3-SJ",
    }
    html = client.post(url, datos).content.decode()
    assert "de 5 días corridos a un año" in html
    datos["hasta"] = (HOY() + datetime.timedelta(days=29)).isoformat()
    assert client.post(url, datos).status_code == 302
    with pytest.raises(DatosInvalidos, match="sanción vigente"):
        servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)


def test_la_lista_del_registro_hace_las_mismas_consultas_con_muchos(
    client, agente_registro, reclamo_c, django_assert_max_num_queries
):
    from conciliadores.models import Rechazo

    def poblar(n):
        for _ in range(n):
            conciliador = crear_conciliador()
            Rechazo.objects.create(
                conciliador=conciliador,
                reclamo=reclamo_c,
                anio=HOY().year,
                motivo="No",
                justificado=False,
            )

    client.force_login(agente_registro)
    url = reverse("conciliadores:registro")
    poblar(2)
    with CaptureQueriesContext(connection) as pocos:
        client.get(url)
    poblar(15)
    with django_assert_max_num_queries(len(pocos)):
        assert client.get(url).status_code == 200


def test_el_registro_de_sorteos_hace_las_mismas_consultas_con_muchos(
    client, consumidora, cinco_conciliadores, django_assert_max_num_queries
):
    from tests.reclamos.factories import reclamo_en

    def sortear(n):
        for _ in range(n):
            reclamo = reclamo_en(Estado.ESPERA_TURNO, consumidor=consumidora)
            sortear_conciliador(reclamo, candidatos=None, por=consumidora)

    url = reverse("conciliadores:sorteos")
    sortear(2)
    with CaptureQueriesContext(connection) as pocos:
        client.get(url)
    sortear(12)
    with django_assert_max_num_queries(len(pocos)):
        assert client.get(url).status_code == 200
