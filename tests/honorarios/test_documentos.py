"""Every certificate of fees and fines renders to PDF with its fields (DOMAIN §4.8, §4.9) and
verifies on /verificar/."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from documentos.models import Documento
from honorarios.services import honorarios as servicio
from honorarios.services import multas as servicio_multas
from plazos import barrido
from tests.honorarios.conftest import quien

pytestmark = pytest.mark.django_db


def _texto(documento: Documento) -> str:
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        paginas = PdfReader(io.BytesIO(archivo.read())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in paginas)


def _verifica(client, documento: Documento):
    documento.refresh_from_db()
    assert documento.sha256, documento.tipo
    respuesta = client.get(f"/verificar/{documento.codigo}")
    assert respuesta.status_code == 200
    assert documento.sha256 in respuesta.content.decode()


def test_constancia_para_el_fondo_y_copia_certificada(
    cerrar, arancel, agente_admision, client, time_machine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
        honorario = servicio.emitir_constancia_fondo(honorario, por=agente_admision)
    texto = _texto(honorario.constancia)
    conciliador = honorario.conciliador
    # DOMAIN §4.9: conciliator and matrícula, claim, closing date, method, fee in UR and pesos.
    for dato in (
        conciliador.nombre,
        conciliador.matricula,
        honorario.reclamo.numero,
        "20/03/2026",
        "Sorteo",
        "3.00 unidades de referencia",
        "$ 20.000,00",
        "$ 60.000,00",
    ):
        assert dato in texto, dato
    _verifica(client, honorario.constancia)

    time_machine.move_to(dt.datetime(2026, 4, 25, 15, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        barrido.vencer_plazos()
    honorario.refresh_from_db()
    texto = _texto(honorario.copia_certificada)
    assert "45 días corridos" in texto and "título suficiente" in texto
    assert "Fondo de Financiamiento" in texto
    _verifica(client, honorario.copia_certificada)


def test_certificacion_certificado_e_intimacion_de_la_multa(
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    client,
    django_capture_on_commit_callbacks,
):
    reclamo = cerrado_por_incomparecencia
    with django_capture_on_commit_callbacks(execute=True):
        [multa] = servicio_multas.certificar_multa(reclamo, por=quien(en_la_audiencia))
        multa = servicio_multas.emitir_certificado_multa(
            multa,
            por=agente_admision,
            verificaciones={"papeles": 1, "notificacion_fehaciente": 1, "sin_justificacion": 1},
            dictamen="Procede.",
        )
    proveedor = multa.proveedor
    texto = _texto(multa.certificacion)
    for dato in (proveedor.razon_social, proveedor.identificador, "10/03/2026", "17/03/2026"):
        assert dato in texto, dato
    assert multa.acta.numero_visible in texto
    _verifica(client, multa.certificacion)

    # DOMAIN §4.8: provider, CUIT, claim, hearing date, notice proof, justification window and
    # outcome, SMVM applied, amount, payment instructions, appeal information.
    texto = _texto(multa.certificado)
    for dato in (
        f"Certificado N.º {multa.certificado.numero_visible}",
        proveedor.razon_social,
        proveedor.identificador,
        reclamo.numero,
        "10/03/2026",
        "cedulas@telefonia.example",
        "Del 10/03/2026 al 17/03/2026",
        "No se presentó justificación dentro del plazo.",
        "$ 330.000,00",
        "1 Salario Mínimo, Vital y Móvil",
        "cuenta 123-456",
        "Contencioso Administrativo Federal",
        "10 días hábiles",
    ):
        assert dato in texto, dato
    _verifica(client, multa.certificado)

    texto = _texto(multa.intimacion)
    assert "Se intima a" in texto and "cedulas@telefonia.example" in texto
    assert "$ 330.000,00" in texto and "cuenta 123-456" in texto
    _verifica(client, multa.intimacion)
