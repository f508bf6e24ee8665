"""Non-compliance with a homologated agreement (D202-I.19, T38–T43, AR-18): the report after the
agreed date, the intimation served as a cédula is, the provider's proof, complied / not complied
and the art. 46 referral."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from documentos.models import ArchivoSubido
from notificaciones.models import Notificacion
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Actuacion, Incumplimiento, Intimacion
from reclamos.services import cumplimiento
from reclamos.transiciones import transicionar
from tests.documentos.muestras import pdf_en_blanco, png, subido
from tests.reclamos.factories import reclamo_en

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db

OBLIGACIONES = [
    {
        "descripcion": "Reintegro del precio",
        "monto": "150000.00",
        "fecha_cumplimiento": "2026-03-31",
        "a_cargo": "proveedor",
    },
    {
        "descripcion": "Retiro del equipo",
        "monto": "",
        "fecha_cumplimiento": "2026-04-30",
        "a_cargo": "proveedor",
    },
]


def _en(time_machine, anio, mes, dia, hora=10):
    time_machine.move_to(dt.datetime(anio, mes, dia, hora, tzinfo=BA), tick=False)


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"


@pytest.fixture
def homologado(time_machine, consumidora, proveedor_activo, homologador):
    """A claim whose agreement was just homologated: EN_CUMPLIMIENTO with the agreed
    obligations in the act, as audiencias.services.homologacion.decidir leaves it."""
    from documentos.services import emitir_documento

    _en(time_machine, 2026, 3, 20)
    reclamo = reclamo_en(Estado.HOMOLOGADO, consumidor=consumidora, organizacion=proveedor_activo)
    emitir_documento(
        tipo="homologacion",
        plantilla="audiencias/homologacion",
        snapshot={"reclamo_numero": reclamo.numero, "obligaciones": OBLIGACIONES},
        por=homologador,
        sujeto=reclamo,
        titulo="Acuerdo homologado",
    )
    transicionar(reclamo, "iniciar_cumplimiento", por=None, datos={"obligaciones": OBLIGACIONES})
    return reclamo


@pytest.fixture
def con_domicilio_electronico(proveedor_activo):
    proveedor_activo.domicilio_electronico = "legales@telefonia.example"
    proveedor_activo.save()
    return proveedor_activo


def _denunciar(reclamo, consumidora, time_machine, **extra):
    _en(time_machine, 2026, 4, 2)
    return cumplimiento.denunciar_incumplimiento(
        reclamo, por=consumidora, detalle="No recibí el reintegro.", **extra
    )


def _texto(documento) -> str:
    from documentos.services import renderizar_documento

    renderizar_documento(documento.pk)
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


def _ar18(reclamo):
    return Plazo.objects.get(object_id=reclamo.pk, tipo="AR-18")


# --- the report ---------------------------------------------------------------------------------


def test_no_se_denuncia_antes_de_la_fecha_acordada(homologado, consumidora, time_machine):
    _en(time_machine, 2026, 3, 31, 18)
    with pytest.raises(ConflictoDeEstado, match="desde el 01/04/2026"):
        cumplimiento.denunciar_incumplimiento(homologado, por=consumidora, detalle="No pagó.")
    homologado.refresh_from_db()
    assert homologado.estado == Estado.EN_CUMPLIMIENTO


def test_la_denuncia_elige_solo_obligaciones_vencidas(homologado, consumidora, time_machine):
    _en(time_machine, 2026, 4, 2)
    with pytest.raises(DatosInvalidos):
        cumplimiento.denunciar_incumplimiento(
            homologado, por=consumidora, detalle="Nada.", obligaciones=[1]
        )
    with pytest.raises(DatosInvalidos):
        cumplimiento.denunciar_incumplimiento(homologado, por=consumidora, detalle="  ")
    incumplimiento = cumplimiento.denunciar_incumplimiento(
        homologado,
        por=consumidora,
        detalle="No recibí el reintegro.",
        obligaciones=[0],
        pruebas=[subido("extracto.png", png(), "image/png")],
    )
    homologado.refresh_from_db()
    assert homologado.estado == Estado.INCUMPLIMIENTO_DENUNCIADO
    assert [o["descripcion"] for o in incumplimiento.obligaciones] == ["Reintegro del precio"]
    assert ArchivoSubido.objects.filter(
        sujeto_id=homologado.pk, categoria=cumplimiento.CATEGORIA_DENUNCIA
    ).exists()
    assert homologado.actuaciones.filter(codigo="cumplimiento.incumplimiento_denunciado").exists()


def test_solo_la_consumidora_denuncia(homologado, otra_consumidora, proveedor, time_machine):
    _en(time_machine, 2026, 4, 2)
    for quien in (otra_consumidora, proveedor):
        with pytest.raises(AccesoDenegado):
            cumplimiento.denunciar_incumplimiento(homologado, por=quien, detalle="x")


# --- intimation and compliance ------------------------------------------------------------------


def test_intimacion_electronica_abre_ar18_y_el_proveedor_acredita(
    homologado,
    consumidora,
    con_domicilio_electronico,
    proveedor,
    agente_admision,
    time_machine,
):
    _denunciar(homologado, consumidora, time_machine)
    with pytest.raises(AccesoDenegado):
        cumplimiento.intimar_proveedores(homologado, por=consumidora)
    (intimacion,) = cumplimiento.intimar_proveedores(homologado, por=agente_admision)
    homologado.refresh_from_db()
    assert homologado.estado == Estado.INTIMADO
    assert intimacion.via == Intimacion.Via.ELECTRONICA
    assert intimacion.notificada_el == dt.date(2026, 4, 3)  # deemed served the next day
    assert intimacion.documento.tipo == "intimacion"
    aviso = intimacion.notificacion
    assert aviso.email == "legales@telefonia.example" and aviso.adjuntos
    plazo = _ar18(homologado)
    # 5 business days from Friday 3/4: 6, 7, 8, 9, 10 April 2026.
    assert (plazo.inicio, plazo.vence) == (dt.date(2026, 4, 3), dt.date(2026, 4, 10))
    with pytest.raises(ConflictoDeEstado):
        cumplimiento.intimar_proveedores(homologado, por=agente_admision)

    _en(time_machine, 2026, 4, 7)
    with pytest.raises(DatosInvalidos):
        cumplimiento.presentar_pruebas(homologado, por=proveedor, archivos=[])
    cumplimiento.presentar_pruebas(
        homologado,
        por=proveedor,
        archivos=[subido("transferencia.pdf", pdf_en_blanco(), "application/pdf")],
        descripcion="Comprobante de transferencia",
    )
    acta = homologado.actuaciones.get(codigo="cumplimiento.pruebas_presentadas")
    assert acta.datos["fuera_de_plazo"] is False
    with pytest.raises(AccesoDenegado):
        cumplimiento.resolver_cumplimiento(
            homologado, por=proveedor, cumplio=True, fundamentos="Pagó."
        )
    incumplimiento = cumplimiento.resolver_cumplimiento(
        homologado, por=agente_admision, cumplio=True, fundamentos="La transferencia acredita."
    )
    homologado.refresh_from_db()
    assert homologado.estado == Estado.CUMPLIDO
    assert incumplimiento.resultado == Incumplimiento.Resultado.CUMPLIDO
    assert _ar18(homologado).estado == Plazo.Estado.CUMPLIDO
    assert Notificacion.objects.filter(
        plantilla="reclamos/cumplimiento", destinatario=consumidora
    ).exists()


def test_intimacion_fehaciente_corre_desde_la_constancia(
    homologado, consumidora, agente_admision, time_machine
):
    _denunciar(homologado, consumidora, time_machine)
    (intimacion,) = cumplimiento.intimar_proveedores(homologado, por=agente_admision)
    homologado.refresh_from_db()
    assert intimacion.via == Intimacion.Via.FEHACIENTE
    assert intimacion.domicilio == "Av. Corrientes 1234, CABA"
    assert homologado.estado == Estado.INCUMPLIMIENTO_DENUNCIADO
    assert not Plazo.objects.filter(object_id=homologado.pk, tipo="AR-18").exists()

    _en(time_machine, 2026, 4, 6)
    constancia = subido("acuse.pdf", pdf_en_blanco(), "application/pdf")
    with pytest.raises(DatosInvalidos):
        cumplimiento.registrar_notificacion_intimacion(
            intimacion,
            por=agente_admision,
            notificada_el=dt.date(2026, 4, 6),
            medio="CD",
            constancia=None,
        )
    with pytest.raises(DatosInvalidos):
        cumplimiento.registrar_notificacion_intimacion(
            intimacion,
            por=agente_admision,
            notificada_el=dt.date(2026, 4, 7),
            medio="Carta documento",
            constancia=constancia,
        )
    with pytest.raises(AccesoDenegado):
        cumplimiento.registrar_notificacion_intimacion(
            intimacion,
            por=consumidora,
            notificada_el=dt.date(2026, 4, 6),
            medio="Carta documento",
            constancia=constancia,
        )
    cumplimiento.registrar_notificacion_intimacion(
        intimacion,
        por=agente_admision,
        notificada_el=dt.date(2026, 4, 6),
        medio="Carta documento 123",
        constancia=constancia,
    )
    homologado.refresh_from_db()
    assert homologado.estado == Estado.INTIMADO
    plazo = _ar18(homologado)
    assert (plazo.inicio, plazo.vence) == (dt.date(2026, 4, 6), dt.date(2026, 4, 13))


def test_no_cumplio_se_verifica_al_terminar_ar18_y_se_remite(
    homologado, consumidora, con_domicilio_electronico, proveedor, agente_admision, time_machine
):
    _denunciar(homologado, consumidora, time_machine)
    cumplimiento.intimar_proveedores(homologado, por=agente_admision)
    _en(time_machine, 2026, 4, 10, 18)
    with pytest.raises(ConflictoDeEstado, match="10/04/2026"):
        cumplimiento.resolver_cumplimiento(
            homologado, por=agente_admision, cumplio=False, fundamentos="No acreditó."
        )
    _en(time_machine, 2026, 4, 13)
    cumplimiento.presentar_pruebas(
        homologado,
        por=proveedor,
        archivos=[subido("nota.pdf", pdf_en_blanco(), "application/pdf")],
    )
    assert (
        homologado.actuaciones.get(codigo="cumplimiento.pruebas_presentadas").datos[
            "fuera_de_plazo"
        ]
        is True
    )
    incumplimiento = cumplimiento.resolver_cumplimiento(
        homologado,
        por=agente_admision,
        cumplio=False,
        fundamentos="La nota no acredita el reintegro.",
        remitido_a="Dirección de Defensa del Consumidor — Sumarios",
    )
    homologado.refresh_from_db()
    assert homologado.estado == Estado.INCUMPLIMIENTO_VERIFICADO
    assert incumplimiento.resultado == Incumplimiento.Resultado.INCUMPLIDO
    remision = incumplimiento.remision
    assert (remision.sujeto_id, remision.tipo) == (homologado.pk, "generico")
    texto = _texto(remision)
    for dato in (
        homologado.numero,
        "artículo 46 de la Ley 24.240",
        "Dirección de Defensa del Consumidor — Sumarios",
        "Telefonía Ejemplo S.A.",
        "30712345671",
        "Reintegro del precio",
        "nota.pdf",
        "La nota no acredita el reintegro.",
    ):
        assert dato in texto, dato
    acto = homologado.actuaciones.get(codigo="cumplimiento.remitido_art46")
    assert acto.datos["documento"] == remision.pk
    assert Actuacion.objects.filter(
        reclamo=homologado, codigo="cumplimiento.incumplimiento_verificado"
    ).exists()


def test_la_consumidora_confirma_el_cumplimiento(homologado, consumidora, otra_consumidora):
    with pytest.raises(AccesoDenegado):
        cumplimiento.confirmar_cumplimiento(homologado, por=otra_consumidora)
    cumplimiento.confirmar_cumplimiento(homologado, por=consumidora)
    homologado.refresh_from_db()
    assert homologado.estado == Estado.CUMPLIDO


def test_la_intimacion_tiene_sus_datos_y_se_verifica(
    client, homologado, consumidora, agente_admision, time_machine
):
    _denunciar(homologado, consumidora, time_machine)
    (intimacion,) = cumplimiento.intimar_proveedores(homologado, por=agente_admision)
    texto = _texto(intimacion.documento)
    for dato in (
        "Telefonía Ejemplo S.A.",
        "30712345671",
        "Av. Corrientes 1234, CABA",
        homologado.numero,
        "Reintegro del precio",
        "31/03/2026",
        "5 días hábiles administrativos",
        "artículo 46 de la Ley 24.240",
        intimacion.documento.codigo,
    ):
        assert dato in texto, dato
    respuesta = client.get(reverse("documentos:verificar", args=[intimacion.documento.codigo]))
    assert respuesta.status_code == 200
    assert intimacion.documento.numero_visible in respuesta.content.decode()


# --- pages --------------------------------------------------------------------------------------


def test_paginas_del_circuito_completo(
    client, homologado, consumidora, proveedor, agente_admision, extrano, time_machine
):
    detalle = reverse("reclamos:detalle", args=[homologado.pk])
    denunciar = reverse("reclamos:denunciar_incumplimiento", args=[homologado.pk])
    client.force_login(consumidora)
    html = client.get(detalle).content.decode()
    assert "Cumplimiento del acuerdo homologado" in html and "desde el 01/04/2026" in html
    assert denunciar not in html

    _en(time_machine, 2026, 4, 2)
    client.force_login(consumidora)  # the jump in time ended the session
    assert denunciar in client.get(detalle).content.decode()
    respuesta = client.post(denunciar, {"obligaciones": ["0"], "detalle": ""})
    assert respuesta.status_code == 200
    assert "Revisá lo que cargaste" in respuesta.content.decode()
    assert client.post(denunciar, {"obligaciones": ["0"], "detalle": "No pagó."}).status_code == 302

    client.force_login(extrano)
    assert client.get(denunciar).status_code == 404
    client.force_login(proveedor)
    assert (
        client.post(reverse("reclamos:intimar_proveedor", args=[homologado.pk])).status_code == 403
    )

    client.force_login(agente_admision)
    assert "Intimar al proveedor" in client.get(detalle).content.decode()
    assert (
        client.post(reverse("reclamos:intimar_proveedor", args=[homologado.pk])).status_code == 302
    )
    intimacion = Intimacion.objects.get(incumplimiento__reclamo=homologado)
    notificar = reverse("reclamos:notificar_intimacion", args=[homologado.pk, intimacion.pk])
    assert notificar in client.get(detalle).content.decode()
    respuesta = client.post(notificar, {"notificada_el": "2026-04-02", "medio": "Carta documento"})
    assert "Constancia de notificación" in respuesta.content.decode()
    respuesta = client.post(
        notificar,
        {
            "notificada_el": "2026-04-02",
            "medio": "Carta documento",
            "constancia": subido("acuse.pdf", pdf_en_blanco(), "application/pdf"),
        },
    )
    assert respuesta.status_code == 302
    homologado.refresh_from_db()
    assert homologado.estado == Estado.INTIMADO

    client.force_login(proveedor)
    pruebas = reverse("reclamos:pruebas_cumplimiento", args=[homologado.pk])
    assert pruebas in client.get(detalle).content.decode()
    respuesta = client.post(
        pruebas, {"archivos": [subido("pago.pdf", pdf_en_blanco(), "application/pdf")]}
    )
    assert respuesta.status_code == 302
    assert (
        client.get(reverse("reclamos:resolver_cumplimiento", args=[homologado.pk])).status_code
        == 403
    )

    client.force_login(agente_admision)
    resolver = reverse("reclamos:resolver_cumplimiento", args=[homologado.pk])
    html = client.get(resolver).content.decode()
    assert "pago.pdf" in html
    respuesta = client.post(resolver, {"cumplio": "0", "fundamentos": "No acreditó el pago."})
    assert "para acreditar el cumplimiento" in respuesta.content.decode()
    assert "No acreditó el pago." in respuesta.content.decode()  # what was typed stays
    respuesta = client.post(resolver, {"cumplio": "1", "fundamentos": "El pago está acreditado."})
    assert respuesta.status_code == 302
    homologado.refresh_from_db()
    assert homologado.estado == Estado.CUMPLIDO


def test_cola_de_incumplimientos_con_consultas_constantes(
    client,
    consumidora,
    proveedor_activo,
    agente_admision,
    homologador,
    django_assert_max_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def muchos(n):
        for _ in range(n):
            reclamo = reclamo_en(
                Estado.INCUMPLIMIENTO_DENUNCIADO,
                consumidor=consumidora,
                organizacion=proveedor_activo,
            )
            Incumplimiento.objects.create(reclamo=reclamo, detalle="x", denunciado_por=consumidora)

    url = reverse("reclamos:cola_cumplimiento")
    client.force_login(homologador)
    assert client.get(url).status_code == 403
    client.force_login(agente_admision)
    muchos(2)
    with CaptureQueriesContext(connection) as pocos:
        client.get(url)
    muchos(20)
    with django_assert_max_num_queries(len(pocos)):
        respuesta = client.get(url)
    assert respuesta.content.decode().count("sin intimar") == 22
