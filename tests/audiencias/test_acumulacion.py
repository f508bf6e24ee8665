"""Accumulation with procedural effect (D202-I.2, decision 0026): one designation, one hearing and
one acta for the joined claims, each with its own outcome; several consumers in one claim;
separation restoring each claim's own path."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias.models import Acuerdo, Audiencia, Cedula
from audiencias.services import audiencia as servicio
from audiencias.services import turnos
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.models import Sorteo
from documentos.models import Documento
from notificaciones.models import Notificacion
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import reclamos_visibles
from reclamos.services import acumulacion
from reclamos.services.coreclamantes import agregar_coreclamante
from tests.conciliadores.conftest import admitido

BA = ZoneInfo("America/Argentina/Buenos_Aires")
TURNO = dt.datetime(2026, 3, 10, 9, tzinfo=BA)
pytestmark = pytest.mark.django_db

ACUERDO = {
    "terminos": "El proveedor reintegra el cargo facturado por el corte.",
    "monto_total": "40000",
    "obligaciones": [
        {"descripcion": "Reintegro", "monto": "40000", "fecha_cumplimiento": "2026-03-31"}
    ],
}


@pytest.fixture
def par(ahora, consumidora, otra_consumidora, proveedor_activo, agente_admision):
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    uno = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    dos = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    # Each claim keeps its own amount against its own cap (D202-I.2: per claim).
    Reclamo.objects.filter(pk=uno.pk).update(monto=40000, tope=1500000)
    Reclamo.objects.filter(pk=dos.pk).update(monto=1200000, tope=1500000)
    acumulacion.acumular_reclamos(
        [dos, uno], por=agente_admision, fundamento="Mismo corte del servicio del 1/3/2026"
    )
    return uno, dos


def _asistencia(audiencia, *, coreclamantes=()):
    quien = audiencia.conciliador.usuario
    servicio.registrar_asistencia(
        audiencia,
        por=quien,
        parte="consumidor",
        comparecio=True,
        nombre="Consumidora",
        caracter="personal",
        modo="presencial",
    )
    for c in coreclamantes:
        servicio.registrar_asistencia(
            audiencia,
            por=quien,
            parte="consumidor",
            coreclamante=c,
            comparecio=True,
            nombre=str(c),
            caracter="personal",
            modo="presencial",
        )
    servicio.registrar_asistencia(
        audiencia,
        por=quien,
        parte="proveedor",
        proveedor=audiencia.reclamo.proveedores.get(),
        comparecio=True,
        nombre="Martín Gómez",
        caracter="representante_legal",
        modo="presencial",
    )


def _durante(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)


def volcar_expediente(reclamo, nombre):
    """The joined claim's expediente, printed (and kept under var/ for the lead's note)."""
    lineas = [f"Expediente del reclamo {reclamo.numero}"]
    for a in reclamo.actuaciones.order_by("en", "pk"):
        lineas.append(f"{a.en:%d/%m/%Y %H:%M} [{a.codigo}] {a.texto} ({a.fuente})")
    texto = "\n".join(lineas)
    print(texto)
    destino = os.environ.get("EXPEDIENTE_ACUMULADO")
    if destino:
        with open(f"{destino}-{nombre}.txt", "w") as archivo:
            archivo.write(texto + "\n")
    return texto


def test_par_acumulado_una_designacion_una_audiencia_una_acta_dos_resultados(
    par, conciliadores_con_horario, consumidora, otra_consumidora, time_machine
):
    uno, dos = par
    # The follower has no draw nor slot of its own.
    with pytest.raises(ConflictoDeEstado) as error:
        turnos.elegir_turno(dos, inicio=TURNO, por=otra_consumidora)
    assert f"acumulado al {uno.numero}" in error.value.mensaje

    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    uno.refresh_from_db()
    dos.refresh_from_db()
    # One designation: the lead's draw; the follower takes the same conciliator.
    assert Sorteo.objects.filter(reclamo=uno, realizado_en__isnull=False).count() == 1
    assert not Sorteo.objects.filter(reclamo=dos, realizado_en__isnull=False).exists()
    assert dos.designaciones.get(activa=True).conciliador == principal.conciliador
    # One hearing: the follower's share of the lead's, with its own cédula and consumer notice.
    conjunta = Audiencia.objects.get(reclamo=dos, estado="fijada")
    assert conjunta.conjunta_con == principal
    assert (conjunta.inicio, conjunta.conciliador, conjunta.lugar) == (
        principal.inicio,
        principal.conciliador,
        principal.lugar,
    )
    assert dos.estado == Estado.AUDIENCIA_FIJADA
    assert Cedula.objects.filter(audiencia=conjunta).count() == 1
    assert Cedula.objects.filter(audiencia=principal).count() == 1
    # Each consumer by their own route: the lead's booked it; the follower's is served.
    assert principal.consumidor_via == "presente"
    assert conjunta.consumidor_via == "fehaciente"
    assert Notificacion.objects.filter(destinatario=otra_consumidora, sujeto_id=dos.pk).exists()

    _durante(time_machine)
    _asistencia(principal)
    _asistencia(conjunta)
    quien = principal.conciliador.usuario
    servicio.registrar_resultado(principal, por=quien, resultado="acuerdo", acuerdo=ACUERDO)
    actas = Documento.objects.filter(tipo="acta_audiencia", sujeto_id__in=[uno.pk, dos.pk])
    assert not actas.exists()  # one acta, once every joined claim has its result
    conjunta.refresh_from_db()
    servicio.registrar_resultado(conjunta, por=quien, resultado="sin_acuerdo")

    acta = actas.get()
    assert acta.sujeto_id == uno.pk
    filas = {f["numero"]: f for f in acta.snapshot["reclamos"]}
    assert filas[uno.numero]["resultado"] == "Acuerdo"
    assert filas[dos.numero]["resultado"] == "Sin acuerdo"
    assert (filas[uno.numero]["monto"], filas[dos.numero]["monto"]) == ("40000.00", "1200000.00")
    assert filas[uno.numero]["dentro_del_tope"] and filas[dos.numero]["dentro_del_tope"]
    uno.refresh_from_db()
    dos.refresh_from_db()
    assert uno.estado == Estado.EN_CONCILIACION  # the agreement awaits the signatures
    assert Acuerdo.objects.filter(reclamo=uno).exists()
    assert dos.estado == Estado.CERRADO_SIN_ACUERDO
    # The acta covers both claims: each claim's consumer may open it; a stranger may not.
    from django.http import Http404

    from cuentas.roles import Rol
    from documentos.permisos import acceder_documento
    from tests.conftest import crear_usuario

    assert acceder_documento(otra_consumidora, acta.pk) == acta
    assert acceder_documento(consumidora, acta.pk) == acta
    with pytest.raises(Http404):
        acceder_documento(crear_usuario("otro@example.com", Rol.CONSUMIDOR), acta.pk)
    for reclamo in (uno, dos):
        entrada = reclamo.actuaciones.get(codigo="acta.audiencia_conjunta")
        assert acta.numero_visible in entrada.texto
    texto = volcar_expediente(dos, "seguidor")
    volcar_expediente(uno, "principal")
    assert f"sigue la designación y las audiencias del {uno.numero}" in texto
    assert "Conciliador designado en el reclamo principal" in texto
    assert "Audiencia conjunta con el reclamo principal" in texto
    assert "Resultado de este reclamo: Sin acuerdo" in texto


def test_reprogramar_la_audiencia_del_principal_mueve_la_de_los_acumulados(
    par, conciliadores_con_horario, consumidora
):
    uno, dos = par
    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    nueva = turnos.reprogramar_audiencia(
        principal,
        inicio=dt.datetime(2026, 3, 12, 10, tzinfo=BA),
        por=principal.conciliador.usuario,
        motivo="Pedido de las partes",
    )
    conjunta = Audiencia.objects.get(reclamo=dos, estado="fijada")
    assert conjunta.conjunta_con == nueva and conjunta.inicio == nueva.inicio
    assert dos.actuaciones.filter(codigo="audiencia.reprogramada").exists()


def test_la_separacion_devuelve_designacion_y_audiencia_propias(
    par, conciliadores_con_horario, consumidora, otra_consumidora, agente_admision
):
    uno, dos = par
    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    acumulacion.separar_reclamo(dos, por=agente_admision, fundamento="Los hechos difieren.")
    dos.refresh_from_db()
    # Its share of the joint hearing is called off; the followed designation ends with it.
    assert dos.estado == Estado.ESPERA_TURNO
    assert not dos.designaciones.filter(activa=True).exists()
    assert Audiencia.objects.get(reclamo=dos, conjunta_con=principal).estado == "cancelada"
    principal.refresh_from_db()
    assert principal.estado == "fijada"
    # From now on it has its own draw and its own hearing.
    propia = turnos.elegir_turno(
        dos, inicio=dt.datetime(2026, 3, 11, 10, tzinfo=BA), por=otra_consumidora
    )
    assert propia.conjunta_con is None
    assert Sorteo.objects.filter(reclamo=dos, realizado_en__isnull=False).count() == 1
    # What happened while joined stays in its expediente.
    codigos = list(dos.actuaciones.values_list("codigo", flat=True))
    assert (
        codigos.index("conciliador.designado_por_acumulacion")
        < codigos.index("reclamo.separado")
        < codigos.index("conciliador.sorteado")
    )


def test_un_reclamo_con_dos_consumidores_ambos_notificados_ambos_firman(
    ahora,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    agente_admision,
    conciliadores_con_horario,
    time_machine,
    client,
):
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    co = agregar_coreclamante(
        reclamo,
        por=agente_admision,
        nombre="Marta",
        apellido="López",
        dni="27111222",
        email="marta@example.com",
        usuario=otra_consumidora,
        fundamento="Misma factura compartida, mismo objeto",
    )
    assert reclamos_visibles(otra_consumidora).filter(pk=reclamo.pk).exists()
    audiencia = turnos.elegir_turno(reclamo, inicio=TURNO, por=consumidora)
    avisos = Notificacion.objects.filter(email="marta@example.com")
    assert avisos.filter(asunto=f"Audiencia del reclamo {reclamo.numero}").exists()
    assert (
        "Co-reclamantes: Marta López"
        in reclamo.actuaciones.get(codigo="audiencia.cedulas_emitidas").texto
    )

    _durante(time_machine)
    _asistencia(audiencia)
    quien = audiencia.conciliador.usuario
    with pytest.raises(DatosInvalidos):  # the co-claimant's attendance is missing
        servicio.registrar_resultado(audiencia, por=quien, resultado="acuerdo", acuerdo=ACUERDO)
    _asistencia(audiencia, coreclamantes=[co])
    servicio.registrar_resultado(audiencia, por=quien, resultado="acuerdo", acuerdo=ACUERDO)
    acta = Documento.objects.get(tipo="acta_audiencia", sujeto_id=reclamo.pk)
    assert any(a["parte"].startswith("Co-reclamante: Marta") for a in acta.snapshot["asistentes"])

    acuerdo = Acuerdo.objects.get(reclamo=reclamo)
    # Each consumer signs for themself only.
    with pytest.raises(AccesoDenegado):
        servicio.firmar_acuerdo(
            acuerdo, por=otra_consumidora, parte="consumidor", metodo="en_linea"
        )
    servicio.firmar_acuerdo(acuerdo, por=consumidora, parte="consumidor", metodo="en_linea")
    servicio.firmar_acuerdo(acuerdo, por=quien, parte="conciliador", metodo="presencial")
    servicio.firmar_acuerdo(
        acuerdo,
        por=quien,
        parte="proveedor",
        proveedor=reclamo.proveedores.get(),
        metodo="presencial",
        nombre="Martín Gómez",
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CONCILIACION  # the co-claimant has not signed yet
    # The co-claimant signs online from the page: password + the SHA-256 they read.
    from tests.conftest import CONTRASENA

    url = reverse("audiencias:firmar", args=[acuerdo.pk])
    client.force_login(otra_consumidora)
    pagina = client.get(url)
    assert "Firmás como co-reclamante: Marta López" in pagina.content.decode()
    assert "Ya firmaste" not in pagina.content.decode()  # the consumer's signature is not hers
    huella = servicio.huella_del_acuerdo(acuerdo)
    respuesta = client.post(url, {"contrasena": "incorrecta", "sha256": huella})
    assert "La contraseña no es correcta" in respuesta.content.decode()
    respuesta = client.post(url, {"contrasena": CONTRASENA, "sha256": "0" * 64})
    assert "El acta cambió desde que la viste" in respuesta.content.decode()
    respuesta = client.post(url, {"contrasena": CONTRASENA, "sha256": huella})
    assert respuesta.status_code == 302
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ACUERDO_FIRMADO
    assert acuerdo.firmas.filter(coreclamante=co, usuario=otra_consumidora).exists()


def test_se_acumulan_con_un_proveedor_en_comun(
    ahora, consumidora, otra_consumidora, proveedor_activo, otro_proveedor, agente_admision
):
    from reclamos.models import ReclamoProveedor

    uno = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    dos = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    ReclamoProveedor.objects.create(
        reclamo=dos,
        organizacion=otro_proveedor,
        identificador=otro_proveedor.identificador,
        razon_social=otro_proveedor.razon_social,
        domicilio_legal=otro_proveedor.domicilio_legal,
    )
    grupo = acumulacion.acumular_reclamos(
        [uno, dos], por=agente_admision, fundamento="Mismos hechos; el vendedor y el fabricante"
    )
    assert grupo.principal == uno


def test_la_pagina_de_acumular_rechaza_reclamos_sin_proveedor_en_comun(
    client,
    ahora,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    otro_proveedor,
    agente_admision,
):
    uno = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    dos = admitido(otra_consumidora, otro_proveedor, agente_admision, metodo="a")
    client.force_login(agente_admision)
    fundamento = "Mismo corte del servicio, mismo objeto"
    respuesta = client.post(
        reverse("reclamos:acumular"),
        {"numeros": f"{uno.numero}, {dos.numero}", "fundamento": fundamento},
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "no comparte ningún proveedor" in html
    assert "art. 2 del Anexo I del Decreto 202/2015" in html
    assert fundamento in html  # what was typed is kept
    assert not uno.membresias_acum.exists()


def test_la_excusacion_en_el_principal_redesigna_a_los_acumulados_y_la_audiencia_los_sigue(
    par, conciliadores_con_horario, consumidora, django_capture_on_commit_callbacks
):
    """D202-I.2 with I.7 (T15): the conciliator who steps aside on the lead leaves every joined
    claim in the same act; the lead's new draw designates them all, and the joint hearing passes
    to the new conciliator for each claim (its own row, cédulas and expediente entry)."""
    from conciliadores.models import Designacion
    from conciliadores.services import apartamiento

    uno, dos = par
    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    saliente = principal.conciliador
    vieja = Audiencia.objects.get(reclamo=dos, estado="fijada")
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(
            uno, por=saliente.usuario, causal="17.9", fundamento="Amistad con el gerente."
        )
    uno.refresh_from_db()
    dos.refresh_from_db()
    entrante = Designacion.objects.get(reclamo=uno, activa=True).conciliador
    assert entrante != saliente
    # The follower leaves the outgoing conciliator with the lead and takes the new one.
    assert Designacion.objects.get(reclamo=dos, conciliador=saliente).fin == "excusacion"
    assert Designacion.objects.get(reclamo=dos, activa=True).conciliador == entrante
    assert not Sorteo.objects.filter(reclamo=dos, realizado_en__isnull=False).exists()
    # The joint hearing passed to the new conciliator for both claims, at the same slot.
    nueva_principal = Audiencia.objects.get(reclamo=uno, estado="fijada")
    nueva = Audiencia.objects.get(reclamo=dos, estado="fijada")
    assert nueva.conjunta_con == nueva_principal and nueva.conciliador == entrante
    assert nueva.inicio == principal.inicio and nueva.reemplaza == vieja
    assert (uno.estado, dos.estado) == (Estado.AUDIENCIA_FIJADA, Estado.AUDIENCIA_FIJADA)
    assert Cedula.objects.get(audiencia=vieja).anulada_en is not None
    assert Cedula.objects.filter(audiencia=nueva, anulada_en__isnull=True).count() == 1
    codigos = set(dos.actuaciones.values_list("codigo", flat=True))
    assert {"conciliador.apartado", "audiencia.reasignada"} <= codigos
    texto = volcar_expediente(dos, "redesignado")
    assert f"El conciliador se apartó en el reclamo principal {uno.numero}" in texto


def test_sin_libres_en_el_turno_la_audiencia_conjunta_se_cancela_con_la_del_principal(
    par, conciliadores_con_horario, consumidora, django_capture_on_commit_callbacks
):
    """Nobody else free at the joint slot: the lead's hearing is cancelled and so is each joined
    claim's share (no hearing stays with a conciliator who is no longer designated)."""
    from conciliadores.models import Designacion
    from conciliadores.services import apartamiento

    uno, dos = par
    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    saliente = principal.conciliador
    from audiencias.models import Bloqueo

    for otro in conciliadores_con_horario:
        if otro != saliente:
            Bloqueo.objects.create(
                conciliador=otro, desde=TURNO.date(), hasta=TURNO.date(), creado_por=otro.usuario
            )
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(uno, por=saliente.usuario, causal="30", fundamento="Decoro.")
    uno.refresh_from_db()
    dos.refresh_from_db()
    assert uno.estado == Estado.ESPERA_TURNO
    assert not Audiencia.objects.filter(reclamo__in=[uno, dos], estado="fijada").exists()
    assert not Designacion.objects.filter(reclamo=dos, activa=True).exists()
    assert dos.actuaciones.filter(codigo="audiencia.cancelada").exists()
    assert Cedula.objects.get(audiencia__reclamo=dos).anulada_en is not None


def test_un_acumulado_admitido_despues_toma_el_conciliador_del_principal(
    ahora,
    conciliadores_con_horario,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    agente_admision,
):
    """A claim joined while still in admission takes the lead's conciliator when it is admitted
    (designar_por_acumulacion), with no draw or slot of its own."""
    from reclamos.services.admision import admitir_reclamo
    from tests.reclamos.factories import reclamo_en

    uno = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    dos = reclamo_en(
        Estado.EN_ADMISION,
        consumidor=otra_consumidora,
        organizacion=proveedor_activo,
        metodo_designacion="a",
    )
    acumulacion.acumular_reclamos([uno, dos], por=agente_admision, fundamento="Mismo corte")
    principal = turnos.elegir_turno(uno, inicio=TURNO, por=consumidora)
    dos.refresh_from_db()
    assert dos.estado == Estado.EN_ADMISION
    admitir_reclamo(dos, por=agente_admision)
    dos.refresh_from_db()
    assert dos.estado == Estado.CONCILIADOR_DESIGNADO
    assert dos.designaciones.get(activa=True).conciliador == principal.conciliador
    assert not Sorteo.objects.filter(reclamo=dos, realizado_en__isnull=False).exists()
    assert dos.actuaciones.filter(codigo="conciliador.designado_por_acumulacion").exists()
