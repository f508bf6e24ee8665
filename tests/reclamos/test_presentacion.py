"""Filing: draft, cap snapshot, numbering, receipt and e-mail, closed régimen, office filing."""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Usuario
from cuentas.roles import Rol
from normativa.models import ValorReferencia
from reclamos.estados import Estado
from reclamos.services import oficina, presentacion
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db

PROVEEDOR = {
    "identificador": "30712345671",
    "razon_social": "Telefonía Ejemplo S.A.",
    "domicilio_legal": "Av. Corrientes 1234, CABA",
}
DATOS = {
    "consumidor_nombre": "Lucía",
    "consumidor_apellido": "Fernández",
    "consumidor_dni": "30123456",
    "consumidor_domicilio": "Av. Siempreviva 742, CABA",
    "consumidor_email": "lucia@example.com",
    "hechos": "Compré un celular que no enciende.",
    "objeto": "Cambio del equipo.",
    "monto": Decimal("350000.00"),
    "lugar": "Mi domicilio — CABA",
    "metodo_designacion": "a",
}


@pytest.fixture
def smvm(db):
    return ValorReferencia.objects.create(
        tipo="SMVM",
        vigente_desde=datetime.date(2026, 1, 1),
        valor=Decimal("330000.00"),
        fuente="Res. demo",
    )


def _borrador_completo(consumidora, **cambios):
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    presentacion.guardar_borrador(
        reclamo, por=consumidora, paso="revision", datos={**DATOS, **cambios}
    )
    presentacion.guardar_proveedores(reclamo, por=consumidora, proveedores=[PROVEEDOR])
    return reclamo


def test_presentar_numera_guarda_el_tope_y_abre_la_admision(
    consumidora, proveedor_activo, smvm, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = _borrador_completo(consumidora)
    with django_capture_on_commit_callbacks(execute=True):
        presentacion.presentar_reclamo(reclamo, por=consumidora)
    reclamo.refresh_from_db()
    assert reclamo.numero == f"COPREC-{reclamo.presentado_en.year}-000001"
    assert reclamo.estado == Estado.EN_ADMISION
    assert (reclamo.regimen_codigo, reclamo.regimen_version) == ("COPREC", "2015")
    assert reclamo.valor_tope_unidad == Decimal("330000.00")
    assert reclamo.tope == Decimal("330000.00") * 55
    assert reclamo.proveedores.get().organizacion == proveedor_activo
    assert list(reclamo.actuaciones.values_list("codigo", flat=True)) == [
        "reclamo.borrador",
        "reclamo.presentado",
    ]
    correo = mailoutbox[-1]
    assert reclamo.numero in correo.subject
    assert any(nombre.endswith(".pdf") for nombre, *_ in correo.attachments)


def test_el_monto_sobre_el_tope_se_rechaza(consumidora, smvm):
    reclamo = _borrador_completo(consumidora, monto=Decimal("330000.00") * 56)
    with pytest.raises(DatosInvalidos) as error:
        presentacion.presentar_reclamo(reclamo, por=consumidora)
    assert "tope" in error.value.mensaje
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.BORRADOR and reclamo.numero is None


def test_el_tope_usa_el_smvm_vigente_en_la_fecha_de_presentacion(consumidora, smvm):
    ValorReferencia.objects.create(
        tipo="SMVM",
        vigente_desde=datetime.date(2099, 1, 1),
        valor=Decimal("999999.00"),
        fuente="futuro",
    )
    reclamo = _borrador_completo(consumidora)
    presentacion.presentar_reclamo(reclamo, por=consumidora)
    reclamo.refresh_from_db()
    assert reclamo.valor_tope_unidad == Decimal("330000.00")


def test_declaracion_jurada_en_lugar_del_monto(consumidora, smvm):
    reclamo = _borrador_completo(consumidora, monto=None, monto_indeterminado=True)
    reclamo = presentacion.presentar_reclamo(reclamo, por=consumidora)
    assert reclamo.estado == Estado.EN_ADMISION


def test_borrador_incompleto_dice_que_falta(consumidora):
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    with pytest.raises(DatosInvalidos) as error:
        presentacion.presentar_reclamo(reclamo, por=consumidora)
    assert {"hechos", "objeto", "proveedores", "monto", "metodo_designacion"} <= set(
        error.value.campos
    )


def test_regimen_cerrado_no_admite_nuevos_reclamos(consumidora, settings):
    settings.REGIMENES_VIGENTE_HASTA = {"COPREC": "2025-02-03"}
    with pytest.raises(ConflictoDeEstado) as error:
        presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    assert "Decreto 55/2025" in error.value.mensaje


def test_regimen_cerrado_deja_seguir_los_reclamos_pendientes(
    consumidora, smvm, settings, agente_admision
):
    reclamo = presentacion.presentar_reclamo(_borrador_completo(consumidora), por=consumidora)
    settings.REGIMENES_VIGENTE_HASTA = {"COPREC": "2025-02-03"}
    from reclamos.services import admision

    admision.admitir_reclamo(reclamo, por=agente_admision)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ESPERA_TURNO


def test_oficina_crea_cuenta_sin_contrasena_y_avisa_la_derivacion(
    agente_admision, smvm, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = oficina.iniciar_en_oficina(
        por=agente_admision,
        email="Nuevo@Example.com",
        nombre="Pedro",
        apellido="Ruiz",
        dni="25111222",
    )
    presentacion.guardar_borrador(
        reclamo,
        por=agente_admision,
        paso="revision",
        datos={**DATOS, "consumidor_email": "nuevo@example.com", "consumidor_nombre": "Pedro"},
    )
    presentacion.guardar_proveedores(reclamo, por=agente_admision, proveedores=[PROVEEDOR])
    with django_capture_on_commit_callbacks(execute=True):
        oficina.presentar_en_oficina(reclamo, por=agente_admision)
    consumidor = Usuario.objects.get(email="nuevo@example.com")
    assert consumidor.rol == Rol.CONSUMIDOR and not consumidor.has_usable_password()
    assert reclamo.consumidor == consumidor and reclamo.cargado_por == agente_admision
    derivacion = next(m for m in mailoutbox if "cargado en la oficina" in m.subject)
    assert "Solicitar una nueva contraseña" in derivacion.body
    assert "nuevo@example.com" in derivacion.body


def test_oficina_usa_la_cuenta_existente_solo_si_el_correo_esta_verificado(
    agente_admision, consumidora
):
    reclamo = oficina.iniciar_en_oficina(
        por=agente_admision,
        email=consumidora.email,
        nombre="Lucía",
        apellido="Fernández",
        dni="30123456",
    )
    assert reclamo.consumidor == consumidora
    sin_verificar = crear_usuario("sinverificar@example.com", Rol.CONSUMIDOR)
    EmailAddress.objects.filter(user=sin_verificar).update(verified=False)
    with pytest.raises(ConflictoDeEstado):
        oficina.iniciar_en_oficina(
            por=agente_admision,
            email="sinverificar@example.com",
            nombre="X",
            apellido="Y",
            dni="25111222",
        )
    assert Usuario.objects.filter(email="sinverificar@example.com").count() == 1


def test_oficina_no_vincula_por_dni(agente_admision, consumidora):
    """Same DNI, another e-mail: a new account, never the existing one."""
    reclamo = oficina.iniciar_en_oficina(
        por=agente_admision,
        email="otra@example.com",
        nombre="Lucía",
        apellido="Fernández",
        dni=consumidora.dni,
    )
    assert reclamo.consumidor != consumidora


def test_un_borrador_solo_lo_modifica_quien_lo_inicio(consumidora, extrano):
    from conciliacion.errores import AccesoDenegado

    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    with pytest.raises(AccesoDenegado):
        presentacion.guardar_borrador(reclamo, por=extrano, paso="datos", datos={"hechos": "x"})


def test_la_constancia_la_descarga_la_consumidora_y_no_otra_persona(
    client, consumidora, extrano, smvm, django_capture_on_commit_callbacks
):
    from documentos.models import Documento

    with django_capture_on_commit_callbacks(execute=True):
        reclamo = presentacion.presentar_reclamo(_borrador_completo(consumidora), por=consumidora)
    constancia = Documento.objects.get(tipo="constancia_presentacion", sujeto_id=reclamo.pk)
    url = f"/documentos/{constancia.pk}/descargar/"
    client.force_login(extrano)
    assert client.get(url).status_code == 404
    client.force_login(consumidora)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF")


def test_presentar_constituye_el_domicilio_electronico(consumidora, smvm):
    from notificaciones.models import DomicilioElectronico

    EmailAddress.objects.create(user=consumidora, email="lucia.notif@example.com", verified=True)
    presentacion.presentar_reclamo(
        _borrador_completo(consumidora, consumidor_email="Lucia.Notif@Example.com"),
        por=consumidora,
    )
    domicilio = DomicilioElectronico.objects.get(usuario=consumidora, revocado_en__isnull=True)
    assert domicilio.email == "lucia.notif@example.com"


def test_el_rechazo_por_tope_dice_el_monto_en_formato_local(consumidora, smvm):
    reclamo = _borrador_completo(consumidora, monto=Decimal("330000.00") * 56)
    with pytest.raises(DatosInvalidos) as error:
        presentacion.presentar_reclamo(reclamo, por=consumidora)
    # 55 × 330.000 = 18.150.000, written as Argentina writes money.
    assert "$ 18.150.000,00" in error.value.mensaje


def test_el_asistente_muestra_el_tope_del_dia_local_no_el_de_utc(consumidora, smvm, client):
    """At 22:30 in Buenos Aires on 31 December it is already 1 January in UTC; the step must
    show the cap the filing will check tonight (the SMVM in force on the 31st)."""
    import time_machine
    from django.urls import reverse

    from reclamos.transiciones import hoy_en

    ValorReferencia.objects.create(
        tipo="SMVM",
        vigente_desde=datetime.date(2027, 1, 1),
        valor=Decimal("400000.00"),
        fuente="Res. siguiente",
    )
    noche = datetime.datetime(
        2026, 12, 31, 22, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-3))
    )
    with time_machine.travel(noche, tick=False):
        reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
        assert hoy_en(reclamo) == datetime.date(2026, 12, 31)
        client.force_login(consumidora)
        respuesta = client.get(reverse("reclamos:paso", args=[reclamo.pk, "reclamo"]))
    texto = respuesta.content.decode()
    assert "$ 18.150.000,00" in texto  # 55 × 330.000, the cap in force on the 31st
    assert "$ 22.000.000,00" not in texto  # 55 × 400.000, January's
