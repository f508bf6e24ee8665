"""Methods b (agreement of the parties) and c (consumer's choice); licences block them too;
refusals are counted per calendar year."""

import datetime

import pytest
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.models import Designacion, DocumentoAutonomo, Licencia, Propuesta, Rechazo
from conciliadores.services import designacion as servicio
from plazos.models import Plazo
from plazos.selectors import plazos_de
from reclamos.estados import Estado
from tests.conciliadores.conftest import crear_conciliador
from tests.documentos.muestras import pdf_en_blanco, subido

pytestmark = pytest.mark.django_db

REQUISITOS_OK = dict.fromkeys(DocumentoAutonomo.REQUISITOS, True)


def _pdf():
    return subido("designacion.pdf", pdf_en_blanco(), "application/pdf")


def _ar03(reclamo):
    return plazos_de(reclamo).filter(tipo="AR-03")


# --- Method c ------------------------------------------------------------------------------


def test_metodo_c_la_eleccion_y_la_aceptacion_designan(
    reclamo_c, consumidora, perfil_ana, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    assert propuesta.estado == Propuesta.Estado.PENDIENTE
    assert any(m.to == [perfil_ana.usuario.email] for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        designacion = servicio.aceptar_propuesta(propuesta, por=perfil_ana.usuario)
    reclamo_c.refresh_from_db()
    assert reclamo_c.estado == Estado.CONCILIADOR_DESIGNADO
    assert designacion.metodo == "c" and designacion.activa
    # She accepted in the portal herself: no deemed notification, her terms start today.
    assert designacion.notificado_el == timezone.localdate()
    corriendo = set(
        plazos_de(reclamo_c).filter(estado=Plazo.Estado.CORRIENDO).values_list("tipo", flat=True)
    )
    assert {"AR-05", "AR-07"} <= corriendo
    assert any(
        m.to == [reclamo_c.consumidor_email] and perfil_ana.matricula in m.body for m in mailoutbox
    )


def test_metodo_c_no_se_puede_elegir_a_quien_esta_de_licencia(reclamo_c, consumidora, perfil_ana):
    hoy = timezone.localdate()
    Licencia.objects.create(
        conciliador=perfil_ana,
        desde=hoy,
        hasta=hoy,
        motivo="Salud",
        estado=Licencia.Estado.APROBADA,
        solicitada_por=perfil_ana.usuario,
    )
    with pytest.raises(DatosInvalidos, match="licencia"):
        servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)


def test_metodo_c_quien_entra_de_licencia_no_puede_aceptar(reclamo_c, consumidora, perfil_ana):
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    hoy = timezone.localdate()
    Licencia.objects.create(
        conciliador=perfil_ana,
        desde=hoy,
        hasta=hoy,
        motivo="Salud",
        estado=Licencia.Estado.APROBADA,
        solicitada_por=perfil_ana.usuario,
    )
    with pytest.raises(DatosInvalidos, match="licencia"):
        servicio.aceptar_propuesta(propuesta, por=perfil_ana.usuario)
    propuesta.refresh_from_db()
    assert propuesta.estado == Propuesta.Estado.PENDIENTE


def test_metodo_c_otro_conciliador_no_acepta_por_el_elegido(reclamo_c, consumidora, perfil_ana):
    otro = crear_conciliador()
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    with pytest.raises(AccesoDenegado):
        servicio.aceptar_propuesta(propuesta, por=otro.usuario)


def test_metodo_c_el_rechazo_deja_elegir_a_otro_y_no_se_lo_puede_volver_a_elegir(
    reclamo_c, consumidora, perfil_ana
):
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    rechazo = servicio.rechazar_propuesta(
        propuesta, por=perfil_ana.usuario, motivo="Agenda completa", justificado=False
    )
    assert not rechazo.justificado and rechazo.anio == timezone.localdate().year
    with pytest.raises(DatosInvalidos, match="apartó"):
        servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    otro = crear_conciliador()
    assert servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=otro).pk


def test_el_cuarto_rechazo_sin_causa_del_anio_avisa_al_registro(
    consumidora,
    proveedor_activo,
    agente_admision,
    agente_registro,
    perfil_ana,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from tests.conciliadores.conftest import admitido

    def rechazar(justificado, causal=""):
        reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
        propuesta = servicio.elegir_conciliador(reclamo, por=consumidora, conciliador=perfil_ana)
        servicio.rechazar_propuesta(
            propuesta, por=perfil_ana.usuario, motivo="No", justificado=justificado, causal=causal
        )

    with django_capture_on_commit_callbacks(execute=True):
        rechazar(True)
        rechazar(False, causal="17.9")  # an excusación ground is a justified cause
        for _ in range(3):
            rechazar(False)
    assert not any(m.to == [agente_registro.email] for m in mailoutbox)
    assert Rechazo.objects.filter(conciliador=perfil_ana, justificado=False).count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        rechazar(False)
    aviso = [m for m in mailoutbox if m.to == [agente_registro.email]]
    assert len(aviso) == 1 and "4 en" in aviso[0].subject


# --- Method b ------------------------------------------------------------------------------


def test_metodo_b_documento_checklist_y_aceptacion(
    reclamo_b, consumidora, agente_admision, perfil_ana
):
    assert reclamo_b.estado == Estado.ESPERA_DOC_AUTONOMO
    documento = servicio.presentar_documento_autonomo(
        reclamo_b,
        por=consumidora,
        archivo=_pdf(),
        conciliador=perfil_ana,
        fecha_documento=timezone.localdate(),
    )
    assert documento.estado == DocumentoAutonomo.Estado.PENDIENTE
    assert not Propuesta.objects.filter(reclamo=reclamo_b).exists()
    servicio.revisar_documento_autonomo(documento, por=agente_admision, requisitos=REQUISITOS_OK)
    propuesta = Propuesta.objects.get(reclamo=reclamo_b, estado=Propuesta.Estado.PENDIENTE)
    assert propuesta.documento == documento
    servicio.aceptar_propuesta(propuesta, por=perfil_ana.usuario)
    reclamo_b.refresh_from_db()
    assert reclamo_b.estado == Estado.CONCILIADOR_DESIGNADO
    assert _ar03(reclamo_b).get().estado == Plazo.Estado.CUMPLIDO


def test_metodo_b_un_requisito_faltante_observa_el_documento(
    reclamo_b, consumidora, agente_admision, perfil_ana
):
    documento = servicio.presentar_documento_autonomo(
        reclamo_b,
        por=consumidora,
        archivo=_pdf(),
        conciliador=perfil_ana,
        fecha_documento=timezone.localdate(),
    )
    requisitos = dict(REQUISITOS_OK, firmas=False)
    with pytest.raises(DatosInvalidos):
        servicio.revisar_documento_autonomo(documento, por=agente_admision, requisitos=requisitos)
    servicio.revisar_documento_autonomo(
        documento,
        por=agente_admision,
        requisitos=requisitos,
        observacion="Falta la firma del apoderado del proveedor.",
    )
    documento.refresh_from_db()
    assert documento.estado == DocumentoAutonomo.Estado.OBSERVADO and documento.firmas is False
    assert not Propuesta.objects.filter(reclamo=reclamo_b).exists()


def test_metodo_b_el_documento_no_puede_ser_anterior_a_la_presentacion(
    reclamo_b, consumidora, perfil_ana
):
    with pytest.raises(DatosInvalidos, match="posterior"):
        servicio.presentar_documento_autonomo(
            reclamo_b,
            por=consumidora,
            archivo=_pdf(),
            conciliador=perfil_ana,
            fecha_documento=timezone.localdate() - datetime.timedelta(days=30),
        )


def test_metodo_b_ar03_se_cuenta_desde_la_fecha_posterior_del_documento(
    consumidora, proveedor_activo, agente_admision, perfil_ana
):
    """Q7: admitted (and notified) earlier, the document dated later: AR-03 restarts from it."""
    from reclamos.models import Reclamo
    from tests.conciliadores.conftest import admitido

    hoy = timezone.localdate()
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="b")
    Reclamo.objects.filter(pk=reclamo.pk).update(
        presentado_en=timezone.now() - datetime.timedelta(days=10)
    )
    reclamo.refresh_from_db()
    Plazo.objects.filter(pk=_ar03(reclamo).get().pk).update(inicio=hoy - datetime.timedelta(days=3))
    servicio.presentar_documento_autonomo(
        reclamo,
        por=consumidora,
        archivo=_pdf(),
        conciliador=perfil_ana,
        fecha_documento=hoy,
    )
    assert _ar03(reclamo).filter(estado=Plazo.Estado.CANCELADO).count() == 1
    # Restarted from the document's date, then suspended while staff check it.
    nuevo = _ar03(reclamo).get(estado=Plazo.Estado.SUSPENDIDO)
    assert nuevo.inicio == hoy
    assert reclamo.actuaciones.filter(codigo="plazo.reiniciado").exists()


def test_metodo_b_un_documento_anterior_al_inicio_no_reinicia_ar03(
    consumidora, proveedor_activo, agente_admision, perfil_ana
):
    from tests.conciliadores.conftest import admitido

    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="b")
    antes = _ar03(reclamo).get()
    servicio.presentar_documento_autonomo(
        reclamo,
        por=consumidora,
        archivo=_pdf(),
        conciliador=perfil_ana,
        fecha_documento=timezone.localdate(),
    )
    assert [p.pk for p in _ar03(reclamo)] == [antes.pk]
    assert _ar03(reclamo).get().inicio == antes.inicio


def test_metodo_b_vencido_ar03_el_reclamo_caduca(reclamo_b):
    from plazos.barrido import vencer_plazos

    Plazo.objects.filter(pk=_ar03(reclamo_b).get().pk).update(
        vence_en=timezone.now() - datetime.timedelta(minutes=1)
    )
    vencer_plazos()
    reclamo_b.refresh_from_db()
    assert reclamo_b.estado == Estado.CADUCADO


def test_la_forma_del_reclamo_no_se_cambia(reclamo_a, consumidora, perfil_ana):
    with pytest.raises(ConflictoDeEstado, match="otra forma"):
        servicio.elegir_conciliador(reclamo_a, por=consumidora, conciliador=perfil_ana)


def test_desistir_deja_sin_efecto_la_propuesta_pendiente(reclamo_c, consumidora, perfil_ana):
    from reclamos.services.admision import desistir_reclamo

    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    desistir_reclamo(reclamo_c, por=consumidora)
    propuesta.refresh_from_db()
    assert propuesta.estado == Propuesta.Estado.RETIRADA
    assert not Designacion.objects.exists()


def _presentar(reclamo, consumidora, conciliador):
    return servicio.presentar_documento_autonomo(
        reclamo,
        por=consumidora,
        archivo=_pdf(),
        conciliador=conciliador,
        fecha_documento=timezone.localdate(),
    )


def test_metodo_b_ar03_no_corre_mientras_el_personal_revisa(
    reclamo_b, consumidora, agente_admision, perfil_ana
):
    documento = _presentar(reclamo_b, consumidora, perfil_ana)
    assert _ar03(reclamo_b).get().estado == Plazo.Estado.SUSPENDIDO
    servicio.revisar_documento_autonomo(
        documento,
        por=agente_admision,
        requisitos=dict(REQUISITOS_OK, refiere_reclamo=False),
        observacion="No menciona el número de reclamo.",
    )
    # Observed: the count resumes where it stopped, for a corrected document.
    plazo = _ar03(reclamo_b).get()
    assert plazo.estado == Plazo.Estado.CORRIENDO
    assert plazo.suspensiones.get().hasta == timezone.localdate()
    corregido = _presentar(reclamo_b, consumidora, perfil_ana)
    servicio.revisar_documento_autonomo(corregido, por=agente_admision, requisitos=REQUISITOS_OK)
    # Approved: the portal informs the proposed conciliator now; the consumer met AR-03.
    assert _ar03(reclamo_b).get().estado == Plazo.Estado.CUMPLIDO


def test_metodo_b_si_el_propuesto_no_acepta_corre_un_nuevo_ar03(
    reclamo_b, consumidora, agente_admision, perfil_ana
):
    documento = _presentar(reclamo_b, consumidora, perfil_ana)
    servicio.revisar_documento_autonomo(documento, por=agente_admision, requisitos=REQUISITOS_OK)
    propuesta = Propuesta.objects.get(reclamo=reclamo_b)
    servicio.rechazar_propuesta(
        propuesta, por=perfil_ana.usuario, motivo="Conozco al proveedor", justificado=True
    )
    reclamo_b.refresh_from_db()
    assert reclamo_b.estado == Estado.ESPERA_DOC_AUTONOMO
    nuevo = _ar03(reclamo_b).get(estado=Plazo.Estado.CORRIENDO)
    assert nuevo.inicio == timezone.localdate() + datetime.timedelta(days=1)
    assert reclamo_b.actuaciones.filter(codigo="plazo.reiniciado").exists()


def test_metodo_b_no_se_propone_a_quien_esta_de_licencia(reclamo_b, consumidora, perfil_ana):
    hoy = timezone.localdate()
    Licencia.objects.create(
        conciliador=perfil_ana,
        desde=hoy,
        hasta=hoy,
        motivo="Salud",
        estado=Licencia.Estado.APROBADA,
        solicitada_por=perfil_ana.usuario,
    )
    with pytest.raises(DatosInvalidos, match="licencia"):
        _presentar(reclamo_b, consumidora, perfil_ana)
    assert not DocumentoAutonomo.objects.exists()


def test_metodo_c_no_se_elige_a_quien_no_actua_en_la_jurisdiccion(reclamo_c, consumidora):
    cordobesa = crear_conciliador(jurisdicciones=["Córdoba"])
    with pytest.raises(DatosInvalidos, match="jurisdicción"):
        servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=cordobesa)


def test_los_rechazos_se_cuentan_por_anio_calendario(
    consumidora,
    proveedor_activo,
    agente_admision,
    agente_registro,
    perfil_ana,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from conciliadores.services.registro import rechazos_sin_causa
    from tests.conciliadores.conftest import admitido

    anio = timezone.localdate().year
    anterior = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    for _ in range(3):
        Rechazo.objects.create(
            conciliador=perfil_ana, reclamo=anterior, anio=anio - 1, motivo="No", justificado=False
        )
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    propuesta = servicio.elegir_conciliador(reclamo, por=consumidora, conciliador=perfil_ana)
    with django_capture_on_commit_callbacks(execute=True):
        servicio.rechazar_propuesta(
            propuesta, por=perfil_ana.usuario, motivo="No", justificado=False
        )
    assert rechazos_sin_causa(perfil_ana, anio) == 1
    assert not any(m.to == [agente_registro.email] for m in mailoutbox)


def test_el_metodo_a_no_admite_eleccion_ni_documento(reclamo_a, consumidora, perfil_ana):
    with pytest.raises(ConflictoDeEstado, match="otra forma"):
        _presentar(reclamo_a, consumidora, perfil_ana)


def test_al_designar_las_partes_reciben_los_datos_del_conciliador(
    reclamo_c,
    consumidora,
    proveedor_activo,
    perfil_ana,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    proveedor_activo.domicilio_electronico = "avisos@telefonia.example"
    proveedor_activo.save(update_fields=["domicilio_electronico"])
    propuesta = servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    with django_capture_on_commit_callbacks(execute=True):
        servicio.aceptar_propuesta(propuesta, por=perfil_ana.usuario)
    for destino in (reclamo_c.consumidor_email, "avisos@telefonia.example"):
        correo = next(m for m in mailoutbox if m.to == [destino] and "designado" in m.subject)
        for dato in (
            perfil_ana.nombre,
            perfil_ana.matricula,
            perfil_ana.email_para_partes,
            perfil_ana.telefono,
            perfil_ana.domicilio_profesional,
        ):
            assert dato in correo.body, (destino, dato)
