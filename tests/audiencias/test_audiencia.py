"""The hearing: attendance and powers, each outcome, actas, AR-11 and the agreement's signatures."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from audiencias.models import Acuerdo, Audiencia, Cedula, Firma
from audiencias.services import audiencia as servicio
from conciliacion.errores import AccesoDenegado, DatosInvalidos
from documentos.models import Documento
from plazos import barrido
from plazos.models import Plazo
from reclamos.estados import Estado
from tests.documentos.muestras import pdf_en_blanco, subido

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _quien(audiencia):
    return audiencia.conciliador.usuario


def _asistencia(audiencia, *, consumidor=True, proveedor=True, apoderado=False):
    servicio.registrar_asistencia(
        audiencia,
        por=_quien(audiencia),
        parte="consumidor",
        comparecio=consumidor,
        nombre="Lucía Fernández" if consumidor else "",
        caracter="personal",
        modo="presencial",
    )
    reclamo_proveedor = audiencia.reclamo.proveedores.get()
    extra = {}
    if apoderado:
        extra = {
            "caracter": "apoderado",
            "poder": {"legitimacion": True, "domicilio_mandante": True, "facultad_transigir": True},
            "poder_copia": subido("poder.pdf", pdf_en_blanco(), "application/pdf"),
        }
    servicio.registrar_asistencia(
        audiencia,
        por=_quien(audiencia),
        parte="proveedor",
        proveedor=reclamo_proveedor,
        comparecio=proveedor,
        nombre="Martín Gómez" if proveedor else "",
        modo="presencial",
        **({"caracter": "representante_legal"} | extra),
    )


def _tipos(reclamo):
    return set(Documento.objects.filter(sujeto_id=reclamo.pk).values_list("tipo", flat=True))


def test_el_apoderado_debe_acreditar_el_poder(en_la_audiencia):
    reclamo_proveedor = en_la_audiencia.reclamo.proveedores.get()
    with pytest.raises(DatosInvalidos) as error:
        servicio.registrar_asistencia(
            en_la_audiencia,
            por=_quien(en_la_audiencia),
            parte="proveedor",
            proveedor=reclamo_proveedor,
            comparecio=True,
            nombre="Gestor",
            caracter="apoderado",
            poder={"legitimacion": True},
        )
    assert "gestión de negocios" in error.value.mensaje


def test_solo_el_conciliador_de_la_audiencia_la_registra(en_la_audiencia, consumidora):
    with pytest.raises(AccesoDenegado):
        servicio.registrar_asistencia(
            en_la_audiencia, por=consumidora, parte="consumidor", comparecio=True, nombre="Yo"
        )


def test_sin_acuerdo_cierra_abre_ar14_y_emite_el_acta_de_cierre(
    en_la_audiencia, django_capture_on_commit_callbacks
):
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="sin_acuerdo"
    )
    reclamo = en_la_audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    assert Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-14", estado="corriendo").exists()
    assert {"acta_audiencia", "acta_cierre"} <= _tipos(reclamo)
    cierre = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_cierre")
    assert cierre.snapshot["ultima_audiencia"] == "10/03/2026"
    assert servicio.ultima_audiencia_celebrada(reclamo) == en_la_audiencia


def test_acuerdo_con_firmas_pasa_a_acuerdo_firmado(en_la_audiencia):
    _asistencia(en_la_audiencia)
    with pytest.raises(DatosInvalidos):
        servicio.registrar_resultado(
            en_la_audiencia,
            por=_quien(en_la_audiencia),
            resultado="acuerdo",
            acuerdo={"terminos": "Cambio del equipo", "obligaciones": [{"descripcion": "Cambio"}]},
        )
    en_la_audiencia.refresh_from_db()
    assert en_la_audiencia.estado == Audiencia.Estado.FIJADA  # nothing kept
    servicio.registrar_resultado(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        resultado="acuerdo",
        acuerdo={
            "terminos": "El proveedor cambia el equipo y reintegra el cargo.",
            "monto_total": "90000",
            "obligaciones": [
                {"descripcion": "Cambio del equipo", "fecha_cumplimiento": "2026-03-20"},
                {"descripcion": "Reintegro", "monto": "90000", "fecha_cumplimiento": "2026-03-31"},
            ],
        },
    )
    reclamo = en_la_audiencia.reclamo
    acuerdo = Acuerdo.objects.get(reclamo=reclamo)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CONCILIACION
    conciliador = _quien(en_la_audiencia)
    proveedor = reclamo.proveedores.get()
    servicio.firmar_acuerdo(
        acuerdo, por=conciliador, parte="consumidor", metodo="presencial", nombre="Lucía"
    )
    servicio.firmar_acuerdo(
        acuerdo,
        por=conciliador,
        parte="proveedor",
        proveedor=proveedor,
        metodo="presencial",
        nombre="Martín",
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CONCILIACION
    servicio.firmar_acuerdo(acuerdo, por=conciliador, parte="conciliador", metodo="en_linea")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ACUERDO_FIRMADO
    hashes = set(Firma.objects.filter(acuerdo=acuerdo).values_list("sha256", flat=True))
    assert hashes == {servicio.huella_del_acuerdo(acuerdo)}
    assert not acuerdo.requiere_ratificacion


def test_la_firma_en_linea_es_solo_propia(en_la_audiencia, consumidora, extrano):
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        resultado="acuerdo",
        acuerdo={
            "terminos": "Cambio",
            "obligaciones": [{"descripcion": "Cambio", "fecha_cumplimiento": "2026-03-20"}],
        },
    )
    acuerdo = Acuerdo.objects.get()
    with pytest.raises(AccesoDenegado):
        servicio.firmar_acuerdo(acuerdo, por=extrano, parte="consumidor", metodo="en_linea")
    with pytest.raises(AccesoDenegado):
        servicio.firmar_acuerdo(acuerdo, por=consumidora, parte="consumidor", metodo="presencial")
    firma = servicio.firmar_acuerdo(acuerdo, por=consumidora, parte="consumidor", metodo="en_linea")
    assert firma.usuario == consumidora


def test_incomparecencia_del_proveedor_abre_ar11_y_su_vencimiento_cierra(
    en_la_audiencia, time_machine, django_capture_on_commit_callbacks
):
    _asistencia(en_la_audiencia, proveedor=False)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_proveedor"
    )
    reclamo = en_la_audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
    plazo = Plazo.objects.get(object_id=reclamo.pk, tipo="AR-11")
    assert plazo.vence == dt.date(2026, 3, 17)  # 5 business days after Tue 10/3
    assert "acta_incomparecencia" in _tipos(reclamo)
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, tzinfo=dt.UTC), tick=False)
    barrido.vencer_plazos()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    cierre = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_cierre")
    assert "Incomparecencia del proveedor" in cierre.snapshot["causa"]
    assert Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-19", estado="corriendo").exists()


def test_sin_cedula_en_termino_no_hay_incomparecencia(en_la_audiencia):
    Cedula.objects.filter(audiencia=en_la_audiencia).update(en_termino=False)
    _asistencia(en_la_audiencia, proveedor=False)
    with pytest.raises(DatosInvalidos) as error:
        servicio.registrar_resultado(
            en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_proveedor"
        )
    assert "3 días hábiles" in error.value.mensaje


def test_justificacion_aceptada_fija_nueva_audiencia(en_la_audiencia, proveedor, proveedor_activo):
    _asistencia(en_la_audiencia, proveedor=False)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_proveedor"
    )
    reclamo = en_la_audiencia.reclamo
    servicio.justificar_incomparecencia(reclamo, por=proveedor, motivo="Paro de transporte")
    nueva = servicio.decidir_justificacion(
        reclamo,
        por=_quien(en_la_audiencia),
        aceptar=True,
        motivo="Justificado",
        nueva_audiencia={"inicio": dt.datetime(2026, 3, 20, 10, tzinfo=BA), "modalidad": "video"},
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    assert nueva.orden == 2 and nueva.estado == Audiencia.Estado.FIJADA
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-11").estado == "cumplido"


def test_consumidor_ausente_desiste_sin_multa(en_la_audiencia):
    _asistencia(en_la_audiencia, consumidor=False)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_consumidor"
    )
    reclamo = en_la_audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.DESISTIDO
    assert "acta_incomparecencia" not in _tipos(reclamo)


def test_las_actas_se_generan_en_pdf_con_el_numero_en_cada_pagina(
    en_la_audiencia, django_capture_on_commit_callbacks
):
    from tests.audiencias.test_cedulas import _texto

    _asistencia(en_la_audiencia, apoderado=True)
    with django_capture_on_commit_callbacks(execute=True):
        servicio.registrar_resultado(
            en_la_audiencia,
            por=_quien(en_la_audiencia),
            resultado="acuerdo",
            observaciones="Las partes dialogaron.",
            acuerdo={
                "terminos": "Cambio del equipo",
                "obligaciones": [
                    {"descripcion": "Cambio del equipo", "fecha_cumplimiento": "2026-03-20"}
                ],
            },
        )
    reclamo = en_la_audiencia.reclamo
    acta = _texto(Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_audiencia"))
    acuerdo = _texto(Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_acuerdo"))
    assert f"Reclamo {reclamo.numero}" in acta and "Las partes dialogaron." in acta
    assert "Acreditó el poder" in acta
    assert "Cambio del equipo" in acuerdo and "20/03/2026" in acuerdo
    assert "Ratificación" in acuerdo  # the provider acted through an attorney
