"""The registry's services: profiles, licences (approved by registry staff), sanctions and the
qualification of refusals (Anexo II art. 4 g)."""

import datetime

import pytest
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.elegibilidad import bloqueos
from conciliadores.models import Licencia, Rechazo, Sancion
from conciliadores.services import registro
from cuentas.models import Organizacion
from cuentas.roles import Rol
from tests.conciliadores.conftest import crear_conciliador
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db
HOY = timezone.localdate


def _datos(**extra):
    datos = {
        "matricula": "R-0001",
        "tipo": "a",
        "jurisdicciones": ["CABA"],
        "modalidades": ["presencial", "video"],
        "domicilio_profesional": "Lavalle 1000, CABA",
        "telefono": "11 4000-1111",
        "email_contacto": "contacto@mediacion.example",
    }
    datos.update(extra)
    return datos


def test_el_registro_da_de_alta_el_perfil_con_todos_sus_datos(agente_registro):
    usuario = crear_usuario("nuevo@conciliadores.example", Rol.CONCILIADOR)
    oficina = Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA, razon_social="Oficina Centro", identificador="OF-1"
    )
    perfil = registro.crear_conciliador(
        usuario=usuario, por=agente_registro, oficinas=[oficina], **_datos(tipo="b")
    )
    assert perfil.tipo == "b" and list(perfil.oficinas.all()) == [oficina]
    assert perfil.email_para_partes == "contacto@mediacion.example"
    assert perfil.get_modalidades_display() == "Presencial, Videoconferencia"


def test_un_autorizado_por_la_secretaria_necesita_oficina(agente_registro):
    usuario = crear_usuario("b@conciliadores.example", Rol.CONCILIADOR)
    with pytest.raises(DatosInvalidos) as error:
        registro.crear_conciliador(usuario=usuario, por=agente_registro, **_datos(tipo="b"))
    assert "oficinas" in error.value.campos


def test_solo_el_registro_da_de_alta(agente_admision, conciliador):
    with pytest.raises(AccesoDenegado):
        registro.crear_conciliador(usuario=conciliador, por=agente_admision, **_datos())


def test_el_conciliador_solo_cambia_sus_datos_de_contacto(perfil_ana):
    registro.actualizar_conciliador(
        perfil_ana,
        por=perfil_ana.usuario,
        matricula="OTRA",
        activo=False,
        jurisdicciones=["Salta"],
        telefono="11 1234-5678",
        modalidades=["video"],
    )
    perfil_ana.refresh_from_db()
    assert perfil_ana.matricula == "A-0001" and perfil_ana.activo
    assert perfil_ana.jurisdicciones == ["CABA"]
    assert perfil_ana.telefono == "11 1234-5678" and perfil_ana.modalidades == ["video"]


def test_la_licencia_la_pide_el_conciliador_y_la_aprueba_el_registro(
    perfil_ana, agente_registro, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    desde, hasta = HOY(), HOY() + datetime.timedelta(days=5)
    licencia = registro.solicitar_licencia(
        perfil_ana, por=perfil_ana.usuario, desde=desde, hasta=hasta, motivo="Cirugía"
    )
    # Requested is not granted: still designable.
    assert bloqueos(perfil_ana, fechas=[desde]) == []
    with pytest.raises(DatosInvalidos, match="superpone"):
        registro.solicitar_licencia(
            perfil_ana, por=perfil_ana.usuario, desde=hasta, hasta=hasta, motivo="Otra"
        )
    for quien in (perfil_ana.usuario, agente_admision):
        with pytest.raises(AccesoDenegado):
            registro.decidir_licencia(licencia, por=quien, aprobar=True)
    with django_capture_on_commit_callbacks(execute=True):
        registro.decidir_licencia(licencia, por=agente_registro, aprobar=True)
    assert licencia.estado == Licencia.Estado.APROBADA
    assert any(m.to == [perfil_ana.usuario.email] for m in mailoutbox)
    for dia in (desde, hasta):
        assert any("licencia" in m for m in bloqueos(perfil_ana, fechas=[dia]))
    assert bloqueos(perfil_ana, fechas=[hasta + datetime.timedelta(days=1)]) == []
    with pytest.raises(ConflictoDeEstado):
        registro.decidir_licencia(licencia, por=agente_registro, aprobar=False, observacion="x")


def test_fechas_invertidas_y_motivo_vacio_se_explican(perfil_ana):
    with pytest.raises(DatosInvalidos) as error:
        registro.solicitar_licencia(
            perfil_ana,
            por=perfil_ana.usuario,
            desde=HOY(),
            hasta=HOY() - datetime.timedelta(days=1),
            motivo="x",
        )
    assert "hasta" in error.value.campos
    with pytest.raises(DatosInvalidos) as error:
        registro.solicitar_licencia(
            perfil_ana, por=perfil_ana.usuario, desde=HOY(), hasta=HOY(), motivo=" "
        )
    assert "motivo" in error.value.campos


@pytest.mark.parametrize(("dias", "valida"), [(4, False), (5, True), (366, True), (367, False)])
def test_la_suspension_va_de_5_dias_a_un_anio(perfil_ana, agente_registro, dias, valida):
    hasta = HOY() + datetime.timedelta(days=dias - 1)
    datos = {"tipo": "suspension", "desde": HOY(), "hasta": hasta, "causal": "c", "resolucion": "r"}
    if valida:
        assert registro.registrar_sancion(perfil_ana, por=agente_registro, **datos).pk
    else:
        with pytest.raises(DatosInvalidos, match="5 días corridos a un año"):
            registro.registrar_sancion(perfil_ana, por=agente_registro, **datos)


@pytest.mark.parametrize("tipo", ["suspension", "exclusion", "preventiva"])
def test_cada_sancion_bloquea_mientras_rige(perfil_ana, agente_registro, tipo):
    hasta = HOY() + datetime.timedelta(days=9) if tipo == "suspension" else None
    registro.registrar_sancion(
        perfil_ana,
        por=agente_registro,
        tipo=tipo,
        desde=HOY(),
        hasta=hasta,
        causal="Anexo II",
        resolucion="RESOL-1",
    )
    assert any("sanción vigente" in m for m in bloqueos(perfil_ana, fechas=[HOY()]))
    assert bloqueos(perfil_ana, fechas=[HOY() - datetime.timedelta(days=1)]) == []


def test_levantar_la_preventiva_habilita_y_la_suspension_no_se_levanta(perfil_ana, agente_registro):
    preventiva = registro.registrar_sancion(
        perfil_ana,
        por=agente_registro,
        tipo=Sancion.Tipo.SUSPENSION_PREVENTIVA,
        desde=HOY() - datetime.timedelta(days=3),
        causal="Anexo II art. 15",
        resolucion="RESOL-2",
    )
    registro.levantar_sancion(preventiva, por=agente_registro, el=HOY(), motivo="Sumario cerrado")
    assert bloqueos(perfil_ana, fechas=[HOY()]) == []
    suspension = registro.registrar_sancion(
        perfil_ana,
        por=agente_registro,
        tipo=Sancion.Tipo.SUSPENSION,
        desde=HOY() + datetime.timedelta(days=30),
        hasta=HOY() + datetime.timedelta(days=40),
        causal="Anexo II art. 4 g",
        resolucion="RESOL-3",
    )
    with pytest.raises(DatosInvalidos, match="no se levanta"):
        registro.levantar_sancion(suspension, por=agente_registro, el=HOY(), motivo="x")


def test_solo_el_registro_sanciona(perfil_ana, agente_admision):
    with pytest.raises(AccesoDenegado):
        registro.registrar_sancion(
            perfil_ana,
            por=agente_admision,
            tipo="exclusion",
            desde=HOY(),
            causal="c",
            resolucion="r",
        )


def test_recalificar_un_rechazo_sin_causa_puede_superar_el_limite(
    perfil_ana,
    agente_registro,
    reclamo_c,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    anio = HOY().year
    for justificado in (False, False, False, True):
        rechazo = Rechazo.objects.create(
            conciliador=perfil_ana,
            reclamo=reclamo_c,
            anio=anio,
            motivo="No",
            justificado=justificado,
        )
    with pytest.raises(AccesoDenegado):
        registro.recalificar_rechazo(rechazo, por=perfil_ana.usuario, justificado=False)
    with django_capture_on_commit_callbacks(execute=True):
        registro.recalificar_rechazo(rechazo, por=agente_registro, justificado=False)
    assert registro.rechazos_sin_causa(perfil_ana, anio) == 4
    aviso = [m for m in mailoutbox if m.to == [agente_registro.email]]
    assert len(aviso) == 1 and f"4 en {anio}" in aviso[0].subject


def test_un_conciliador_inactivo_no_es_designable(agente_registro):
    inactivo = crear_conciliador(activo=False)
    assert "No está activo en el registro." in bloqueos(inactivo, fechas=[HOY()])
