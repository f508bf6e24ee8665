"""CABA pages: the online denuncia, the staff's acts, the sumario for staff, the Director General
and the charged provider; permissions, MFA, Spanish errors with 400, flat query counts."""

import pytest
import time_machine
from django.urls import reverse

from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from sumarios.models import Sumario
from sumarios.services import denuncia as servicio
from tests.conftest import crear_usuario, sin_mfa
from tests.sumarios.caba import DURANTE, celebrar, datos_denuncia, denuncia_con_audiencia

pytestmark = pytest.mark.django_db


def test_la_denuncia_en_linea_se_presenta_desde_la_pagina(client, consumidora):
    client.force_login(consumidora)
    url = reverse("sumarios:denunciar")
    pagina = client.get(url)
    assert pagina.status_code == 200
    texto = pagina.content.decode()
    assert 'lang="es-AR"' in texto and "daño directo" in texto.lower()
    malo = client.post(url, {**_post(), "cuit": "123"})
    assert malo.status_code == 400
    assert "El CUIT no es válido." in malo.content.decode()
    bueno = client.post(
        url,
        {
            **_post(),
            "dano_directo": "1",
            "dano_directo_monto": "1500,50",
            "dano_directo_detalle": "Puerta rota",
        },
    )
    reclamo = Reclamo.objects.get(consumidor=consumidora)
    assert bueno.status_code == 302 and bueno.url == reverse("sumarios:denuncia", args=[reclamo.pk])
    detalle = client.get(bueno.url).content.decode()
    assert "1.500,50" in detalle or "1500,50" in detalle or "1,500.50" in detalle
    assert reclamo.estado == Estado.EN_ADMISION


def _post(**extra):
    datos = datos_denuncia(**extra)
    datos["consumidor_final"] = "1"
    datos["en_caba"] = "1"
    return datos


def test_un_tercero_no_ve_la_denuncia_y_el_proveedor_no_actua(
    client, consumidora, otra_consumidora, proveedor, funcionario
):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    url = reverse("sumarios:denuncia", args=[reclamo.pk])
    client.force_login(otra_consumidora)
    assert client.get(url).status_code == 404
    client.force_login(consumidora)
    respuesta = client.post(
        reverse("sumarios:denuncia_acto", args=[reclamo.pk]), {"accion": "admitir_denuncia"}
    )
    assert respuesta.status_code == 403
    assert client.get(reverse("sumarios:bandeja")).status_code == 403
    client.force_login(proveedor)
    assert client.get(reverse("sumarios:denunciar")).status_code == 403


def test_el_personal_sin_mfa_no_entra(client, funcionario):
    client.force_login(sin_mfa(funcionario))
    respuesta = client.get(reverse("sumarios:bandeja"))
    assert respuesta.status_code in (302, 403)


def test_el_audiencista_admite_fija_y_registra_la_incomparecencia(client, consumidora, funcionario):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    client.force_login(funcionario)
    acto = reverse("sumarios:denuncia_acto", args=[reclamo.pk])
    with time_machine.travel("2026-03-02 10:00 -0300", tick=False):
        assert client.post(acto, {"accion": "admitir_denuncia"}).status_code == 302
        sin_fecha = client.post(acto, {"accion": "convocar_audiencia", "inicio": "mañana"})
        assert sin_fecha.status_code == 400
        assert "Indicá día y hora" in sin_fecha.content.decode()
        fijada = client.post(
            acto,
            {"accion": "convocar_audiencia", "inicio": "2026-03-10T10:00", "modalidad": "hibrida"},
        )
        assert fijada.status_code == 302
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    audiencia = reclamo.audiencias.get()
    assert audiencia.funcionario == funcionario
    proveedor = reclamo.proveedores.get()
    with time_machine.travel(DURANTE, tick=False):
        client.force_login(funcionario)  # a new session on the hearing's day
        respuesta = client.post(
            acto,
            {
                "accion": "celebrar",
                "asistio_consumidor": "1",
                "nombre_consumidor": "Lucía",
                f"asistio_p{proveedor.pk}": "0",
                "resultado": "incomparecencia_proveedor",
            },
        )
        assert respuesta.status_code == 302
        reclamo.refresh_from_db()
        assert reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
        pagina = client.get(reverse("sumarios:denuncia", args=[reclamo.pk])).content.decode()
        assert "300 a 20.000 unidades fijas" in pagina
        malo = client.post(acto, {"accion": "multar", "unidades": "50", "fundamentos": "x"})
        assert malo.status_code == 400 and "unidades fijas" in malo.content.decode()


def test_el_proveedor_ve_su_sumario_y_presenta_descargo(
    client, consumidora, funcionario, proveedor, otro_proveedor
):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "sin_acuerdo", texto="No.")
    audiencia.reclamo.refresh_from_db()
    sumario = servicio.cerrar_sin_acuerdo(audiencia.reclamo, por=funcionario)
    client.force_login(funcionario)
    acto = reverse("sumarios:sumario_acto", args=[sumario.pk])
    assert client.post(acto, {"accion": "imputar", "hechos": "H", "normas": ""}).status_code == 400
    assert (
        client.post(acto, {"accion": "imputar", "hechos": "H", "normas": "LDC 19"}).status_code
        == 302
    )
    client.force_login(proveedor)
    assert client.get(reverse("sumarios:sumario", args=[sumario.pk])).status_code == 200
    respuesta = client.post(
        acto, {"accion": "descargo", "texto": "Cumplimos.", "pruebas": "Remito\nFactura"}
    )
    assert respuesta.status_code == 302
    assert sumario.pruebas.count() == 2
    # The provider may not act for the legal area, nor the consumer see the sumario.
    assert client.post(acto, {"accion": "abrir_prueba"}).status_code == 400
    client.force_login(consumidora)
    assert client.get(reverse("sumarios:sumario", args=[sumario.pk])).status_code == 404
    otro = crear_usuario("otra@empresa.example", Rol.REPRESENTANTE)
    from cuentas.models import Membresia

    Membresia.objects.create(usuario=otro, organizacion=otro_proveedor, es_administrador=True)
    client.force_login(otro)
    assert client.get(reverse("sumarios:sumario", args=[sumario.pk])).status_code == 404
    assert Sumario.objects.get(pk=sumario.pk).estado == Sumario.Estado.IMPUTADO


def test_listas_paginadas_con_consultas_planas(
    client, consumidora, funcionario, django_assert_max_num_queries
):
    client.force_login(funcionario)
    servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    client.get(reverse("sumarios:bandeja"))  # warm the per-user caches
    with django_assert_max_num_queries(12) as pocas:
        client.get(reverse("sumarios:bandeja"))
    for _ in range(6):
        servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
        servicio.abrir_de_oficio(
            por=funcionario, razon_social="K", cuit="30712345671", domicilio="D", hechos="H"
        )
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        client.get(reverse("sumarios:bandeja"))
    client.get(reverse("sumarios:lista"))
    with django_assert_max_num_queries(12) as pocas_s:
        client.get(reverse("sumarios:lista"))
    servicio.abrir_de_oficio(
        por=funcionario, razon_social="K2", cuit="30712345671", domicilio="D", hechos="H"
    )
    with django_assert_max_num_queries(len(pocas_s.captured_queries)):
        client.get(reverse("sumarios:lista"))


def test_el_proveedor_ve_la_denuncia_desde_la_citacion(client, consumidora, funcionario, proveedor):
    reclamo = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    url = reverse("sumarios:denuncia", args=[reclamo.pk])
    client.force_login(proveedor)
    assert client.get(url).status_code == 404  # not served yet (decision 0015)
    denuncia_con_audiencia(consumidora, funcionario)  # another denuncia, now with a hearing
    citada = Reclamo.objects.exclude(pk=reclamo.pk).get()
    assert client.get(reverse("sumarios:denuncia", args=[citada.pk])).status_code == 200
    assert client.get(url).status_code == 404


def test_el_personal_carga_la_denuncia_en_la_comuna(client, funcionario, consumidora):
    """C1b: an official files at a Sede Comunal for a consumer who came in person. A new e-mail
    gets an account without password that the consumer claims; a verified consumer's e-mail is
    that consumer's account; what was typed survives an error."""
    from cuentas.models import Usuario
    from sumarios.models import Denuncia

    client.force_login(funcionario)
    url = reverse("sumarios:denunciar")
    pagina = client.get(url).content.decode()
    assert "Sede Comunal" in pagina and "Declara ser consumidor/a final" in pagina
    assert 'value="' + funcionario.email + '"' not in pagina  # not the official's own data

    nueva = {**_post(), "email": "rosa.comuna@example.com", "nombre": "Rosa", "apellido": "Paz"}
    sin_dni = client.post(url, {**nueva, "dni": ""})
    assert sin_dni.status_code == 400
    assert "Completá los datos de la persona denunciante." in sin_dni.content.decode()
    assert "rosa.comuna@example.com" in sin_dni.content.decode()  # nothing typed is lost
    respuesta = client.post(url, nueva)
    reclamo = Reclamo.objects.get(consumidor__email="rosa.comuna@example.com")
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("sumarios:denuncia", args=[reclamo.pk])
    assert reclamo.cargado_por == funcionario and reclamo.estado == Estado.EN_ADMISION
    assert Denuncia.objects.get(reclamo=reclamo).canal == Denuncia.Canal.COMUNA
    rosa = Usuario.objects.get(email="rosa.comuna@example.com")
    assert rosa.rol == Rol.CONSUMIDOR and not rosa.has_usable_password()

    # An existing consumer with a verified e-mail: the denuncia is hers, no new account.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=consumidora, email=consumidora.email, defaults={"verified": True, "primary": True}
    )
    antes = Usuario.objects.count()
    client.post(url, {**_post(), "email": consumidora.email})
    assert Usuario.objects.count() == antes
    assert Reclamo.objects.filter(consumidor=consumidora, cargado_por=funcionario).exists()


def test_un_consumidor_no_carga_en_la_comuna_para_otro(consumidora):
    from conciliacion.errores import AccesoDenegado

    with pytest.raises(AccesoDenegado):
        servicio.presentar_en_comuna(por=consumidora, datos=_post())
