"""Issuing documents: consecutive numbers per kind and year, immutability, corrections."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from documentos.models import Documento, DocumentoInmutable
from documentos.numeracion import anio_de_emision, siguiente_numero
from documentos.services import emitir_documento

UTC = ZoneInfo("UTC")


def emitir(tipo="generico", por=None, **extra):
    datos = {
        "tipo": tipo,
        "plantilla": "generico",
        "snapshot": {"texto": "Consta que se presentó el reclamo."},
        "por": por,
        "titulo": "Constancia",
    }
    return emitir_documento(**{**datos, **extra})


def test_la_numeracion_es_consecutiva_por_tipo_y_anio(agente_admision):
    primero = emitir(por=agente_admision)
    segundo = emitir(por=agente_admision)
    cedula = emitir("cedula", por=agente_admision)
    assert (primero.numero, segundo.numero, cedula.numero) == (1, 2, 1)
    assert primero.anio == segundo.anio == anio_de_emision("COPREC")
    assert primero.numero_visible == f"1/{primero.anio}"
    with transaction.atomic():
        assert siguiente_numero("generico", primero.anio - 1) == 1
        assert siguiente_numero("generico", primero.anio) == 3


def test_un_acto_revertido_no_deja_documento_y_su_numero_sigue_la_politica(agente_admision):
    """SQLite (counter row): the number comes back. PostgreSQL (sequence): it is not given
    again, the series has a gap and the numbers stay unique (decision 0017)."""
    assert emitir(por=agente_admision).numero == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        emitir(por=agente_admision)
        raise RuntimeError("el acto falló")
    assert Documento.objects.count() == 1
    siguiente = emitir(por=agente_admision).numero
    assert siguiente == (3 if connection.vendor == "postgresql" else 2)
    assert emitir(por=agente_admision).numero == siguiente + 1


@pytest.mark.django_db(transaction=True)
def test_numerar_fuera_de_una_transaccion_es_un_error():
    with pytest.raises(RuntimeError):
        siguiente_numero("generico", 2026)


def test_el_anio_es_el_de_la_zona_del_regimen():
    # 1 January 02:00 UTC is still 31 December in Buenos Aires and in Lima.
    instante = datetime(2027, 1, 1, 2, 0, tzinfo=UTC)
    assert anio_de_emision("COPREC", instante) == 2026
    assert anio_de_emision("PE-INDECOPI", instante) == 2026
    assert anio_de_emision("PE-INDECOPI", datetime(2027, 1, 1, 6, 0, tzinfo=UTC)) == 2027


def test_guarda_regimen_codigo_unico_y_sujeto(agente_admision, proveedor_activo):
    documento = emitir(
        por=agente_admision, sujeto=proveedor_activo, regimen=("PE-INDECOPI", "2022")
    )
    otro = emitir(por=agente_admision)
    assert (documento.regimen_codigo, documento.regimen_version) == ("PE-INDECOPI", "2022")
    assert documento.sujeto == proveedor_activo
    assert len(documento.codigo) >= 16 and documento.codigo != otro.codigo
    assert documento.codigo.replace("-", "").replace("_", "").isalnum()


def test_el_snapshot_se_guarda_como_json(agente_admision):
    from decimal import Decimal

    documento = emitir(por=agente_admision, snapshot={"monto": Decimal("10.50"), "texto": "x"})
    documento.refresh_from_db()
    assert documento.snapshot == {"monto": "10.50", "texto": "x"}


def test_un_documento_emitido_no_se_modifica_ni_se_borra(agente_admision):
    documento = emitir(por=agente_admision)
    documento.snapshot = {"texto": "otra cosa"}
    with pytest.raises(DocumentoInmutable):
        documento.save()
    with pytest.raises(DocumentoInmutable):
        Documento.objects.filter(pk=documento.pk).update(numero=99)
    with pytest.raises(DocumentoInmutable):
        Documento.objects.filter(pk=documento.pk).update(snapshot={})
    with pytest.raises(DocumentoInmutable):
        Documento.objects.bulk_update([documento], ["snapshot"])
    with pytest.raises(DocumentoInmutable):
        documento.delete()
    with pytest.raises(DocumentoInmutable):
        Documento.objects.all().delete()
    guardado = Documento.objects.get(pk=documento.pk)
    assert guardado.snapshot == {"texto": "Consta que se presentó el reclamo."}
    assert guardado.numero == 1


def test_una_correccion_es_un_documento_nuevo_que_refiere_al_anterior(agente_admision):
    original = emitir(por=agente_admision)
    correccion = emitir(por=agente_admision, reemplaza=original, titulo="Constancia corregida")
    assert correccion.numero == 2
    assert list(original.reemplazos.all()) == [correccion]


def test_la_plantilla_y_el_tipo_se_validan_en_el_acto(agente_admision):
    with pytest.raises(ValueError):
        emitir("inexistente", por=agente_admision)
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        emitir(por=agente_admision, plantilla="no/existe")
    assert Documento.objects.count() == 0
