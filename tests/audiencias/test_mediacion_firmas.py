"""Each party who attended a hearing an agency official conducted signs its acta online with
the proposal conformidad's express act (password re-entered + SHA-256 of the exact PDF shown);
when all signed, the signed acta is issued and replaces the unsigned one (docs/decisions/0009)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from audiencias.models import Audiencia, FirmaActa
from audiencias.services import mediacion as servicio
from audiencias.services import mediacion_firmas
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from documentos.services import emitir_documento, renderizar_documento
from reclamos.estados import Estado
from reclamos.services import mediacion
from tests.audiencias.test_mediacion import _asistencias, _texto
from tests.conftest import CONTRASENA, crear_usuario
from tests.reclamos.mediacion import RUC_SUR, consumidora_pe, en_mediacion, proveedor_pe

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")
CONVOCATORIA = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA)
INICIO = dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
DESPUES = dt.datetime(2026, 3, 10, 11, 0, tzinfo=LIMA)


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


def _celebrar(carmen, funcionario, **asistencia):
    with time_machine.travel(CONVOCATORIA, tick=False):
        reclamo = en_mediacion(carmen, funcionario)
        mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=INICIO)
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    resultado = "acuerdo" if not asistencia else "incomparecencia_proveedor"
    with time_machine.travel(DESPUES, tick=False):
        acta = servicio.celebrar_audiencia(
            audiencia,
            por=funcionario,
            asistencias=_asistencias(audiencia, **asistencia),
            resultado=resultado,
            texto="El proveedor cambia la refrigeradora el 20/03/2026.",
        )
    renderizar_documento(acta.pk)
    acta.refresh_from_db()
    return audiencia, acta


@pytest.fixture
def celebrada(carmen, andina, funcionario):
    """A hearing held with both parties and an agreement; its acta PDF is rendered."""
    return _celebrar(carmen, funcionario)


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _ruta(audiencia) -> str:
    return f"/api/v1/reclamos/{audiencia.reclamo_id}/mediacion/audiencias/{audiencia.pk}/firma/"


def _firmar(usuario, audiencia, huella, contrasena=CONTRASENA):
    return _api(usuario).post(
        _ruta(audiencia), {"sha256": huella, "contrasena": contrasena}, format="json"
    )


def test_ambas_partes_firman_y_se_emite_el_acta_firmada_que_se_verifica(
    client, celebrada, carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    audiencia, acta = celebrada
    listado = _api(carmen).get(f"/api/v1/reclamos/{audiencia.reclamo_id}/mediacion/audiencias/")
    fila = listado.json()["results"][0]
    huella = fila["acta"]["sha256"]
    assert huella == acta.sha256 and fila["acta_firmada"] is False

    primera = _firmar(carmen, audiencia, huella)
    assert primera.status_code == 200, primera.json()
    assert primera.json()["acta_firmada"] is False
    assert [f["parte"] for f in primera.json()["firmas_acta"]] == ["consumidor"]
    assert servicio.acta_de(audiencia) == acta  # still the unsigned one

    with django_capture_on_commit_callbacks(execute=True):
        segunda = _firmar(andina[1], audiencia, huella)
    assert segunda.status_code == 200 and segunda.json()["acta_firmada"] is True
    firma = FirmaActa.objects.get(parte="proveedor")
    assert (firma.usuario, firma.sha256, firma.acta) == (andina[1], huella, acta)
    assert firma.proveedor.organizacion == andina[0] and firma.nombre == "Jorge Salazar"

    firmada = servicio.acta_de(audiencia)
    assert firmada.reemplaza == acta and firmada.titulo.endswith("(firmada)")
    texto = _texto(firmada)
    assert "Firmas en línea" in texto and huella in texto
    assert "Firmó Carmen Huamán (carmen@example.pe)" in texto
    assert "Firmó Jorge Salazar" in texto and "El proveedor cambia la refrigeradora" in texto
    verificada = client.get(reverse("documentos:verificar", args=[firmada.codigo]))
    assert verificada.status_code == 200
    pagina = verificada.content.decode()
    assert firmada.numero_visible in pagina and acta.numero_visible in pagina
    anterior = client.get(reverse("documentos:verificar", args=[acta.codigo])).content.decode()
    assert "fue reemplazado" in anterior

    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    # The agreement concluded the claim at the hearing; the signatures are a recorded step.
    assert reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO
    codigos = list(reclamo.actuaciones.values_list("codigo", flat=True))
    assert codigos.count("acta.firma") == 2 and "acta.firmada" in codigos
    assert any("Acta firmada" in m.subject for m in mailoutbox)
    # Signing again: nothing left to sign.
    assert _firmar(carmen, audiencia, huella).status_code == 409


def test_contrasena_incorrecta_no_firma(client, celebrada, carmen):
    audiencia, acta = celebrada
    mala = _firmar(carmen, audiencia, acta.sha256, contrasena="otra")
    assert mala.status_code == 400 and "contrasena" in str(mala.json())
    client.force_login(carmen)
    url = reverse("audiencias:firmar_acta_mediacion", args=[audiencia.pk])
    web = client.post(url, {"sha256": acta.sha256, "confirmo": "on", "contrasena": "otra"})
    assert web.status_code == 400 and "La contraseña no es correcta." in web.content.decode()
    assert not FirmaActa.objects.exists()


def test_una_huella_vieja_se_rechaza_cuando_el_texto_cambio(celebrada, carmen, funcionario):
    audiencia, acta = celebrada
    corregida = emitir_documento(
        tipo=acta.tipo,
        plantilla=acta.plantilla,
        snapshot={**acta.snapshot, "texto": "El proveedor devuelve S/ 2,000.00."},
        por=funcionario,
        sujeto=audiencia.reclamo,
        regimen=(acta.regimen_codigo, acta.regimen_version),
        titulo=acta.titulo,
        reemplaza=acta,
    )
    renderizar_documento(corregida.pk)
    corregida.refresh_from_db()
    vieja = _firmar(carmen, audiencia, acta.sha256)
    assert vieja.status_code == 400 and vieja.json()["error"]["codigo"] == "hash_mismatch"
    assert not FirmaActa.objects.exists()
    nueva = _firmar(carmen, audiencia, corregida.sha256)
    assert nueva.status_code == 200
    assert FirmaActa.objects.get().acta == corregida


def test_quien_no_es_parte_no_firma_y_el_funcionario_no_firma_por_una_parte(
    celebrada, funcionario, extrano
):
    audiencia, acta = celebrada
    otra = crear_usuario("otra@indecopi.example", Rol.FUNCIONARIO, mfa=True)
    for quien in (funcionario, otra):
        assert _firmar(quien, audiencia, acta.sha256).status_code == 403
    _sur, representante_sur = proveedor_pe(RUC_SUR, "Servicios del Sur S.A.")
    assert _firmar(representante_sur, audiencia, acta.sha256).status_code == 404  # unseen claim
    for quien in (funcionario, extrano, representante_sur):
        with pytest.raises(AccesoDenegado):
            mediacion_firmas.firmar_acta(audiencia, por=quien, sha256_visto=acta.sha256)
    assert not FirmaActa.objects.exists()


def test_firmar_dos_veces_o_sin_haber_asistido_es_un_conflicto(carmen, andina, funcionario):
    audiencia, acta = _celebrar(carmen, funcionario, proveedor=False)
    # Only the consumer attended: her signature alone completes the acta.
    assert _firmar(andina[1], audiencia, acta.sha256).status_code == 409
    assert _firmar(carmen, audiencia, acta.sha256).status_code == 200
    assert servicio.acta_de(audiencia).reemplaza == acta
    assert _firmar(carmen, audiencia, acta.sha256).status_code == 409


def test_una_parte_que_ya_firmo_no_firma_otra_vez(celebrada, carmen):
    audiencia, acta = celebrada
    with pytest.raises(DatosInvalidos, match="no coincide"):
        mediacion_firmas.firmar_acta(audiencia, por=carmen, sha256_visto="a" * 64)
    mediacion_firmas.firmar_acta(audiencia, por=carmen, sha256_visto=acta.sha256)
    with pytest.raises(ConflictoDeEstado, match="ya firmó"):
        mediacion_firmas.firmar_acta(audiencia, por=carmen, sha256_visto=acta.sha256)


def test_una_audiencia_pendiente_no_tiene_acta_para_firmar(carmen, andina, funcionario):
    with time_machine.travel(CONVOCATORIA, tick=False):
        reclamo = en_mediacion(carmen, funcionario)
        mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=INICIO)
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    assert _firmar(carmen, audiencia, "a" * 64).status_code == 409


def test_las_paginas_muestran_el_acta_su_huella_y_la_firma_que_falta(
    client, celebrada, carmen, funcionario
):
    audiencia, acta = celebrada
    client.force_login(carmen)
    reclamo = client.get(reverse("reclamos:mediacion", args=[audiencia.reclamo_id]))
    url = reverse("audiencias:firmar_acta_mediacion", args=[audiencia.pk])
    assert url in reclamo.content.decode()
    pagina = client.get(url).content.decode()
    assert acta.sha256 in pagina and "El proveedor cambia la refrigeradora" in pagina
    buena = client.post(url, {"sha256": acta.sha256, "confirmo": "on", "contrasena": CONTRASENA})
    assert buena.status_code == 302
    despues = client.get(reverse("reclamos:mediacion", args=[audiencia.reclamo_id]))
    assert url not in despues.content.decode()  # nothing left for her to sign

    client.force_login(funcionario)
    pagina = client.get(reverse("audiencias:audiencia_mediacion", args=[audiencia.pk]))
    texto = pagina.content.decode()
    assert "firmó en línea Carmen Huamán" in texto and "sin firma en línea" in texto
    assert "no fijan un plazo" in texto


def test_el_listado_de_audiencias_da_el_acta_y_las_firmas_como_cada_audiencia(
    carmen, andina, funcionario
):
    """The page reads the actas and signatures of all its rows at once: the same values the
    signature's answer gives for that hearing."""
    audiencia, acta = _celebrar(carmen, funcionario)
    url = f"/api/v1/reclamos/{audiencia.reclamo_id}/mediacion/audiencias/"
    firmada = _api(carmen).post(
        _ruta(audiencia), {"sha256": acta.sha256, "contrasena": CONTRASENA}, format="json"
    )
    assert firmada.status_code == 200, firmada.json()
    fila = _api(andina[1]).get(url).json()["results"][0]
    assert fila == firmada.json()
    assert [f["parte"] for f in fila["firmas_acta"]] == ["consumidor"]
    assert fila["acta"]["sha256"] == acta.sha256 and fila["acta_firmada"] is False
    # Both signed: the signed acta replaces the first, and the signatures are those of the first.
    segunda = _api(andina[1]).post(
        _ruta(audiencia), {"sha256": acta.sha256, "contrasena": CONTRASENA}, format="json"
    )
    assert segunda.status_code == 200 and segunda.json()["acta_firmada"] is True
    fila = _api(carmen).get(url).json()["results"][0]
    assert fila == segunda.json() and fila["acta"]["sha256"] != acta.sha256
    assert sorted(f["parte"] for f in fila["firmas_acta"]) == ["consumidor", "proveedor"]
