"""The disciplinary procedure of Anexo II (Decreto 202/2015 arts. 7–22; DOMAIN §2.4, AR-D1…D9):
every step a dated act of the case's own expediente with its AR-D term counted by the plazos
app (administrative business days; the suspension in calendar days), the consequences of the
terms that expire (no descargo, no alegato: the procedure continues), the sanctions and their
effect on draws and on the hearings the conciliator holds, rehabilitation once, the AR-D9
windows and who sees a case."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from conciliadores.disciplina import servicios, ventanas
from conciliadores.elegibilidad import bloqueos, habilitados
from conciliadores.models import (
    AlertaDisciplinaria,
    CasoDisciplinario,
    Designacion,
    Rechazo,
    Sancion,
)
from documentos.models import Documento
from plazos.barrido import vencer_plazos
from plazos.models import Plazo
from plazos.services import abrir_plazo
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.conciliadores.conftest import crear_conciliador
from tests.documentos.muestras import pdf_en_blanco, subido
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db
E = CasoDisciplinario.Estado
# Monday 2 March 2026, 10:00 in Buenos Aires (no holiday until 23 March).
AHORA = dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC)


def _a_las(fecha: dt.date, hora=12) -> dt.datetime:
    return dt.datetime(fecha.year, fecha.month, fecha.day, hora + 3, tzinfo=dt.UTC)


@pytest.fixture
def ahora(time_machine):
    time_machine.move_to(AHORA, tick=False)
    return AHORA


@pytest.fixture
def investigado(db):
    return crear_conciliador("X-0001")


def _plazo(caso, tipo) -> Plazo:
    return Plazo.objects.get(
        content_type=ContentType.objects.get_for_model(caso), object_id=caso.pk, tipo=tipo
    )


def _codigos(caso) -> list[str]:
    return list(caso.actuaciones.order_by("en", "pk").values_list("codigo", flat=True))


def _denuncia(investigado, por, **extra):
    datos = {
        "origen": CasoDisciplinario.Origen.PERSONAL,
        "hechos": "No se presentó a la audiencia del 20/2 ni avisó a las partes.",
        "causal": "Anexo II art. 4 b",
        "denunciante_nombre": "Marta Gómez",
        "denunciante_documento": "20111222",
        "denunciante_domicilio": "Perú 100, CABA",
    }
    datos.update(extra)
    return servicios.abrir_caso(investigado, por=por, **datos)


def hasta_la_resolucion(caso, registro, conciliador_usuario):
    """Drives a case through ratification, descargo, sumario, alegato and report."""
    if caso.estado == E.RATIFICACION:
        servicios.ratificar(caso, por=registro, texto="Ratifico la denuncia.")
    servicios.presentar_descargo(caso, por=conciliador_usuario, texto="Niego los hechos.")
    servicios.ordenar_sumario(caso, por=registro, instructor="Dra. Paz", fundamento="Verosímil.")
    servicios.correr_vista(caso, por=registro)
    servicios.presentar_alegato(caso, por=conciliador_usuario, texto="Alego.")
    servicios.cerrar_sumario(caso, por=registro)
    servicios.presentar_informe(
        caso,
        por=registro,
        irregularidad="Sí: art. 4 b.",
        responsabilidad=True,
        antecedentes="",
        sancion_aconsejada="Suspensión",
    )
    caso.refresh_from_db()
    assert caso.estado == E.RESOLUCION
    return caso


def test_la_denuncia_recorre_cada_etapa_con_sus_plazos_actos_y_documentos(
    ahora, investigado, agente_registro, client, django_capture_on_commit_callbacks
):
    yo = investigado.usuario
    with django_capture_on_commit_callbacks(execute=True):
        caso = _denuncia(investigado, agente_registro)
    assert caso.numero.startswith("DISC-") and caso.numero.endswith("/2026")
    assert caso.estado == E.RATIFICACION
    # AR-D2: notice deemed served Tue 3/3; 3 administrative business days: Wed, Thu, Fri.
    d2 = _plazo(caso, "AR-D2")
    assert (d2.unidad, d2.cantidad, d2.calendario) == ("habiles", 3, "AR")
    assert d2.vence == dt.date(2026, 3, 6)

    with django_capture_on_commit_callbacks(execute=True):
        servicios.ratificar(caso, por=agente_registro, texto="Ratifico y agrego el acta.")
    caso.refresh_from_db()
    assert caso.estado == E.DESCARGO
    assert _plazo(caso, "AR-D2").estado == Plazo.Estado.CUMPLIDO
    d3 = _plazo(caso, "AR-D3")
    assert (d3.cantidad, d3.vence) == (5, dt.date(2026, 3, 10))  # 4, 5, 6, 9, 10 March

    with django_capture_on_commit_callbacks(execute=True):
        servicios.presentar_descargo(
            caso,
            por=yo,
            texto="Avisé por correo a las partes.",
            archivos=[subido("correo.pdf", pdf_en_blanco())],
        )
    caso.refresh_from_db()
    assert caso.estado == E.EVALUACION
    assert _plazo(caso, "AR-D3").estado == Plazo.Estado.CUMPLIDO

    with django_capture_on_commit_callbacks(execute=True):
        servicios.ordenar_sumario(
            caso, por=agente_registro, instructor="Dra. Paz", fundamento="Hechos verosímiles."
        )
    caso.refresh_from_db()
    assert caso.estado == E.SUMARIO
    d4 = _plazo(caso, "AR-D4")
    assert d4.cantidad == 90 and d4.unidad == "habiles"
    # 90 business days from 3/3 skip the weekends and the March and April holidays.
    assert d4.vence > dt.date(2026, 3, 3) + dt.timedelta(days=126)

    prueba = servicios.ofrecer_prueba(
        caso,
        por=yo,
        texto="Testigo: la secretaria.",
        archivos=[subido("acta.pdf", pdf_en_blanco())],
    )
    servicios.decidir_prueba(prueba, por=agente_registro, admitida=True)
    servicios.correr_vista(caso, por=agente_registro)
    caso.refresh_from_db()
    assert caso.estado == E.ALEGATO
    assert _plazo(caso, "AR-D5").vence == dt.date(2026, 3, 6)
    servicios.presentar_alegato(caso, por=yo, texto="La prueba muestra que avisé.")
    caso.refresh_from_db()
    assert caso.estado == E.CIERRE and _plazo(caso, "AR-D5").estado == Plazo.Estado.CUMPLIDO

    servicios.cerrar_sumario(caso, por=agente_registro)
    caso.refresh_from_db()
    assert caso.estado == E.INFORME
    assert _plazo(caso, "AR-D4").estado == Plazo.Estado.CUMPLIDO
    assert _plazo(caso, "AR-D6").vence == dt.date(2026, 3, 9)  # 3, 4, 5, 6, 9 March
    with django_capture_on_commit_callbacks(execute=True):
        servicios.presentar_informe(
            caso,
            por=agente_registro,
            irregularidad="Sí: incumplió el art. 4 b.",
            responsabilidad=True,
            antecedentes="Sin antecedentes.",
            sancion_aconsejada="Suspensión de 10 días",
        )
        servicios.resolver(
            caso,
            por=agente_registro,
            resultado=CasoDisciplinario.Resultado.SUSPENSION,
            dias=10,
            fundamentos="Mal desempeño acreditado.",
        )
    caso.refresh_from_db()
    assert caso.estado == E.RESUELTO and caso.resultado == "suspension"
    assert (caso.sancion.desde, caso.sancion.hasta) == (dt.date(2026, 3, 3), dt.date(2026, 3, 13))
    d7 = _plazo(caso, "AR-D7")
    assert (d7.unidad, d7.cantidad, d7.mueve_a_habil) == ("corridos", 10, False)

    assert _codigos(caso) == [
        "caso.denuncia",
        "denuncia.ratificada",
        "traslado.cargos",
        "descargo.presentado",
        "sumario.ordenado",
        "prueba.ofrecida",
        "prueba.admitida",
        "vista.alegato",
        "alegato.presentado",
        "sumario.cerrado",
        "informe.presentado",
        "caso.resuelto",
    ]
    # The charge, the sumario order, the report and the decision: numbered, rendered, verifiable.
    documentos = Documento.objects.filter(
        sujeto_tipo=ContentType.objects.get_for_model(caso), sujeto_id=caso.pk
    ).order_by("pk")
    assert [d.tipo for d in documentos] == [
        "cargo_disciplinario",
        "orden_sumario",
        "informe_sumario",
        "resolucion_disciplinaria",
    ]
    for documento in documentos:
        documento.refresh_from_db()
        assert documento.renderizado and documento.numero >= 1
        pagina = client.get(reverse("documentos:verificar", args=[documento.codigo]))
        assert pagina.status_code == 200
        assert documento.numero_visible in pagina.content.decode()
    # The uploads were sniffed and stored as PDFs under the case.
    assert {a.tipo_contenido for a in caso_archivos(caso)} == {"application/pdf"}


def caso_archivos(caso):
    from documentos.models import ArchivoSubido

    return ArchivoSubido.objects.filter(
        sujeto_tipo=ContentType.objects.get_for_model(caso), sujeto_id=caso.pk
    )


def test_sin_descargo_y_sin_alegato_el_procedimiento_sigue(
    ahora, time_machine, investigado, agente_registro
):
    yo = investigado.usuario
    caso = servicios.abrir_caso(
        investigado,
        por=agente_registro,
        origen=CasoDisciplinario.Origen.OFICIO,
        hechos="Cinco reclamos desatendidos.",
    )
    assert caso.estado == E.DESCARGO  # ex officio: no ratification (art. 9 b)
    assert not Plazo.objects.filter(object_id=caso.pk, tipo="AR-D2").exists()
    # AR-D3 falls due on 10/3: on the 11th the sweeper certifies it and the case goes on.
    time_machine.move_to(_a_las(dt.date(2026, 3, 11), 0), tick=False)
    vencer_plazos()
    caso.refresh_from_db()
    assert caso.estado == E.EVALUACION
    assert _plazo(caso, "AR-D3").estado == Plazo.Estado.VENCIDO
    assert "descargo.no_presentado" in _codigos(caso)
    with pytest.raises(ConflictoDeEstado, match="siguió sin él"):
        servicios.presentar_descargo(caso, por=yo, texto="Tarde.")

    servicios.ordenar_sumario(caso, por=agente_registro, instructor="Dr. Ruiz", fundamento="Ok.")
    servicios.correr_vista(caso, por=agente_registro)
    d5 = _plazo(caso, "AR-D5")
    assert d5.vence == dt.date(2026, 3, 17)  # served Thu 12/3: 13, 16 and 17 March
    time_machine.move_to(_a_las(d5.vence + dt.timedelta(days=1), 0), tick=False)
    vencer_plazos()
    caso.refresh_from_db()
    assert caso.estado == E.CIERRE
    assert "alegato.falta_certificada" in _codigos(caso)
    with pytest.raises(ConflictoDeEstado, match="falta de alegato"):
        servicios.presentar_alegato(caso, por=yo, texto="Tarde.")
    servicios.cerrar_sumario(caso, por=agente_registro)
    servicios.presentar_informe(
        caso,
        por=agente_registro,
        irregularidad="No.",
        responsabilidad=False,
        antecedentes="",
        sancion_aconsejada="Ninguna",
    )
    servicios.resolver(
        caso, por=agente_registro, resultado="sin_responsabilidad", fundamentos="No se probó."
    )
    caso.refresh_from_db()
    assert caso.estado == E.RESUELTO and caso.sancion is None


def test_sin_ratificacion_se_impulsa_de_oficio_o_se_archiva(
    ahora, time_machine, investigado, agente_registro
):
    uno = _denuncia(investigado, agente_registro)
    otro = _denuncia(investigado, agente_registro)
    assert uno.numero != otro.numero
    time_machine.move_to(_a_las(dt.date(2026, 3, 9), 0), tick=False)
    vencer_plazos()
    uno.refresh_from_db()
    otro.refresh_from_db()
    assert uno.estado == otro.estado == E.SIN_RATIFICAR
    with pytest.raises(ConflictoDeEstado):
        servicios.ratificar(uno, por=agente_registro, texto="Tarde")
    servicios.impulsar_de_oficio(uno, por=agente_registro, fundamento="Hechos verosímiles.")
    uno.refresh_from_db()
    assert uno.estado == E.DESCARGO and _plazo(uno, "AR-D3").estado == "corriendo"
    servicios.archivar(otro, por=agente_registro, fundamento="No verosímil.")
    otro.refresh_from_db()
    assert otro.estado == E.ARCHIVADO


def test_la_denuncia_de_una_parte_exige_el_reclamo_donde_intervino(
    ahora, investigado, agente_registro, consumidora
):
    reclamo = reclamo_en(Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora)
    with pytest.raises(DatosInvalidos, match="reclamo"):
        _denuncia(investigado, agente_registro, origen="parte")
    with pytest.raises(DatosInvalidos, match="no intervino"):
        _denuncia(investigado, agente_registro, origen="parte", reclamo=reclamo)
    Designacion.objects.create(
        reclamo=reclamo, conciliador=investigado, metodo="a", notificado_el=dt.date(2026, 3, 1)
    )
    caso = servicios.abrir_caso(
        investigado,
        por=agente_registro,
        origen="parte",
        reclamo=reclamo,
        hechos="No me atendió.",
    )
    assert caso.denunciante == consumidora and caso.denunciante_documento


def test_la_suspension_y_la_exclusion_exigen_sumario_y_el_rango_legal(
    ahora, investigado, agente_registro
):
    caso = _denuncia(investigado, agente_registro)
    servicios.ratificar(caso, por=agente_registro, texto="Ratifico.")
    servicios.presentar_descargo(caso, por=investigado.usuario, texto="Niego.")
    with pytest.raises(ConflictoDeEstado, match="requieren sumario"):
        servicios.resolver(caso, por=agente_registro, resultado="exclusion", fundamentos="x")
    servicios.ordenar_sumario(caso, por=agente_registro, instructor="I", fundamento="F")
    servicios.correr_vista(caso, por=agente_registro)
    servicios.presentar_alegato(caso, por=investigado.usuario, texto="A")
    servicios.cerrar_sumario(caso, por=agente_registro)
    servicios.presentar_informe(
        caso,
        por=agente_registro,
        irregularidad="Sí",
        responsabilidad=True,
        antecedentes="",
        sancion_aconsejada="Suspensión",
    )
    for dias in (None, 4, 367):
        with pytest.raises(DatosInvalidos, match="5 días corridos a un año"):
            servicios.resolver(
                caso, por=agente_registro, resultado="suspension", dias=dias, fundamentos="x"
            )


def test_la_suspension_termina_al_cumplirse_sus_dias(
    ahora, time_machine, investigado, agente_registro
):
    caso = hasta_la_resolucion(
        _denuncia(investigado, agente_registro), agente_registro, investigado.usuario
    )
    servicios.resolver(
        caso, por=agente_registro, resultado="suspension", dias=5, fundamentos="Art. 4 b."
    )
    sancion = Sancion.objects.get(conciliador=investigado)
    # Served 3/3; 5 calendar days: 4–8 March (Sunday 8 does not move: a duration, Decision 7).
    assert (sancion.desde, sancion.hasta) == (dt.date(2026, 3, 3), dt.date(2026, 3, 8))
    assert bloqueos(investigado, fechas=[dt.date(2026, 3, 8)])
    assert investigado not in habilitados([dt.date(2026, 3, 3)])
    assert bloqueos(investigado, fechas=[dt.date(2026, 3, 9)]) == []
    assert investigado in habilitados([dt.date(2026, 3, 9)])
    time_machine.move_to(_a_las(dt.date(2026, 3, 9), 0), tick=False)
    vencer_plazos()
    caso.refresh_from_db()
    assert "suspension.cumplida" in _codigos(caso)


def test_la_rehabilitacion_procede_una_sola_vez(ahora, time_machine, investigado, agente_registro):
    caso = hasta_la_resolucion(
        _denuncia(investigado, agente_registro), agente_registro, investigado.usuario
    )
    servicios.resolver(caso, por=agente_registro, resultado="exclusion", fundamentos="Art. 5 d.")
    exclusion = Sancion.objects.get(conciliador=investigado, tipo="exclusion")
    assert exclusion.hasta is None
    d8 = _plazo(caso, "AR-D8")
    assert d8.vence == dt.date(2029, 3, 3)
    with pytest.raises(DatosInvalidos, match="tres años"):
        servicios.rehabilitar(
            exclusion, por=agente_registro, el=dt.date(2029, 3, 2), fundamento="Resol. SJ 1/2029"
        )
    time_machine.move_to(_a_las(dt.date(2029, 3, 5)), tick=False)
    vencer_plazos()
    assert "rehabilitacion.posible" in _codigos(caso)
    servicios.rehabilitar(
        exclusion, por=agente_registro, el=dt.date(2029, 3, 5), fundamento="Resol. SJ 1/2029"
    )
    assert investigado in habilitados([dt.date(2029, 3, 6)])
    assert "rehabilitacion" in _codigos(caso)

    # Excluded again: a second rehabilitation is refused, in Spanish, with the first one's date.
    otra = Sancion.objects.create(
        conciliador=investigado,
        tipo="exclusion",
        desde=dt.date(2029, 4, 1),
        causal="Art. 5 a",
        resolucion="Caso DISC-9/2029",
        registrada_por=agente_registro,
    )
    with pytest.raises(ConflictoDeEstado, match=r"por única vez.*05/03/2029"):
        servicios.rehabilitar(
            otra, por=agente_registro, el=dt.date(2032, 4, 2), fundamento="Resol. SJ 2/2032"
        )
    # The registry page's "Rehabilitar" goes through the same rule.
    from conciliadores.services import registro

    with pytest.raises(ConflictoDeEstado, match="por única vez"):
        registro.levantar_sancion(otra, por=agente_registro, el=dt.date(2032, 4, 2), motivo="x")


# --- AR-D9 ---------------------------------------------------------------------------------


def _designado(conciliador, consumidora, desde: dt.datetime) -> Reclamo:
    reclamo = reclamo_en(Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora)
    Designacion.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        metodo="a",
        fecha=desde,
        notificado_el=desde.date() + dt.timedelta(days=1),
    )
    return reclamo


def _ar07_vencido(reclamo, desde: dt.date):
    plazo = abrir_plazo(sujeto=reclamo, tipo="AR-07", desde=desde, regimen="COPREC")
    Plazo.objects.filter(pk=plazo.pk).update(estado=Plazo.Estado.VENCIDO)
    return plazo


def test_ar_d9_las_ventanas_levantan_alertas_con_conteos_a_mano(
    ahora,
    investigado,
    agente_registro,
    consumidora,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    otro = crear_conciliador("X-0002")
    # Refusals without cause in 2026: 4 for the investigated (> 3), 3 for the other (not > 3);
    # a 2025 refusal and a justified one do not count.
    reclamo = reclamo_en(Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora)
    for conciliador, n in ((investigado, 4), (otro, 3)):
        for _i in range(n):
            Rechazo.objects.create(
                conciliador=conciliador, reclamo=reclamo, anio=2026, motivo="No", justificado=False
            )
    Rechazo.objects.create(
        conciliador=otro, reclamo=reclamo, anio=2025, motivo="No", justificado=False
    )
    Rechazo.objects.create(
        conciliador=otro, reclamo=reclamo, anio=2026, motivo="Sí", justificado=True
    )
    # Unattended: AR-07 expired while designated. The other: 5, but one expired 7 months ago.
    inicio = dt.datetime(2026, 1, 5, 13, tzinfo=dt.UTC)
    for _i in range(5):
        _ar07_vencido(_designado(investigado, consumidora, inicio), dt.date(2026, 1, 6))
    for _i in range(4):
        _ar07_vencido(_designado(otro, consumidora, inicio), dt.date(2026, 1, 6))
    viejo = dt.datetime(2025, 7, 1, 13, tzinfo=dt.UTC)
    _ar07_vencido(_designado(otro, consumidora, viejo), dt.date(2025, 7, 2))
    # Suspensions in 5 years (from 2/3/2021): the other has 2 (2020 is out), the investigated 3.
    for desde in (dt.date(2020, 1, 10), dt.date(2022, 5, 1), dt.date(2025, 6, 1)):
        Sancion.objects.create(
            conciliador=otro,
            tipo="suspension",
            desde=desde,
            hasta=desde + dt.timedelta(days=9),
            causal="4 b",
            resolucion="r",
            registrada_por=agente_registro,
        )
    for desde in (dt.date(2021, 4, 1), dt.date(2023, 5, 1), dt.date(2025, 6, 1)):
        Sancion.objects.create(
            conciliador=investigado,
            tipo="suspension",
            desde=desde,
            hasta=desde + dt.timedelta(days=9),
            causal="4 b",
            resolucion="r",
            registrada_por=agente_registro,
        )

    with django_capture_on_commit_callbacks(execute=True):
        alertas = ventanas.evaluar()
    vistas = {(a.conciliador_id, a.causal): a.cantidad for a in alertas}
    assert vistas == {
        (investigado.pk, "rechazos"): 4,
        (investigado.pk, "desatendidos"): 5,
        (investigado.pk, "suspensiones"): 3,
    }
    assert any("Anexo II" in m.subject and agente_registro.email in m.to for m in mailoutbox)
    # A second evaluation refreshes the same alerts (one open per ground) and mails nobody.
    enviados = len(mailoutbox)
    ventanas.evaluar(conciliadores=[investigado.pk])
    assert AlertaDisciplinaria.objects.filter(atendida=False).count() == 3
    assert len(mailoutbox) == enviados
    # The registry sees them and opens an ex officio case from one.
    client.force_login(agente_registro)
    html = client.get(reverse("conciliadores:registro")).content.decode()
    assert "3 alertas del Anexo II" in html
    html = client.get(reverse("conciliadores:disciplina_alertas")).content.decode()
    assert "Más de 4 reclamos desatendidos" in html and investigado.matricula in html
    alerta = AlertaDisciplinaria.objects.get(causal="desatendidos")
    pagina = client.get(reverse("conciliadores:disciplina_nuevo") + f"?alerta={alerta.pk}")
    assert "5 entre el" in pagina.content.decode()


def test_la_lista_de_alertas_no_crece_en_consultas(ahora, agente_registro, client):
    client.force_login(agente_registro)

    def contar(n):
        for i in range(n):
            c = crear_conciliador()
            AlertaDisciplinaria.objects.create(
                conciliador=c,
                causal="rechazos",
                cantidad=4 + i,
                umbral=3,
                ventana_desde=dt.date(2026, 1, 1),
                ventana_hasta=dt.date(2026, 3, 2),
            )
        with CaptureQueriesContext(connection) as consultas:
            assert client.get(reverse("conciliadores:disciplina_alertas")).status_code == 200
        return len(consultas)

    client.get(reverse("conciliadores:disciplina_alertas"))  # warm the session and caches
    assert contar(3) == contar(10)


# --- who sees a case -----------------------------------------------------------------------


def test_el_conciliador_ve_solo_su_caso_y_los_demas_no(
    ahora, investigado, agente_registro, client, consumidora, agente_admision
):
    caso = _denuncia(investigado, agente_registro)
    servicios.ratificar(caso, por=agente_registro, texto="Ratifico.")
    otro = crear_conciliador("X-0009")
    ajeno = _denuncia(otro, agente_registro)

    client.force_login(investigado.usuario)
    pagina = client.get(reverse("conciliadores:mi_caso", args=[caso.pk]))
    assert pagina.status_code == 200 and "Presentar mi descargo" in pagina.content.decode()
    lista = client.get(reverse("conciliadores:mis_casos")).content.decode()
    assert caso.numero in lista and ajeno.numero not in lista
    assert client.get(reverse("conciliadores:mi_caso", args=[ajeno.pk])).status_code == 404
    assert client.get(reverse("conciliadores:disciplina_caso", args=[caso.pk])).status_code == 403
    assert client.get(reverse("conciliadores:disciplina")).status_code == 403
    # Their descargo from the page: a file that lies about its type is refused, the text kept.
    respuesta = client.post(
        reverse("conciliadores:mi_caso_accion", args=[caso.pk, "descargo"]),
        {"texto": "Mi descargo.", "archivo": subido("foto.pdf", b"MZ\x90\x00 no es un pdf")},
    )
    assert respuesta.status_code == 400 and "Mi descargo." in respuesta.content.decode()
    respuesta = client.post(
        reverse("conciliadores:mi_caso_accion", args=[caso.pk, "descargo"]),
        {"texto": "Mi descargo.", "archivo": subido("nota.pdf", pdf_en_blanco())},
    )
    assert respuesta.status_code == 302
    caso.refresh_from_db()
    assert caso.estado == E.EVALUACION
    # A staff act from the conciliator's area does not exist; someone else's case is 404.
    assert (
        client.post(reverse("conciliadores:mi_caso_accion", args=[caso.pk, "sumario"])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("conciliadores:mi_caso_accion", args=[ajeno.pk, "descargo"]), {"texto": "x"}
        ).status_code
        == 404
    )
    # The case's documents: the conciliator reads their own, not the other's.
    mio = Documento.objects.filter(sujeto_id=caso.pk, tipo="cargo_disciplinario").get()
    suyo = Documento.objects.filter(sujeto_id=ajeno.pk).first()
    assert client.get(mio.get_absolute_url()).status_code in (200, 202, 302)
    if suyo is not None:
        assert client.get(suyo.get_absolute_url()).status_code == 404

    for intruso in (consumidora, agente_admision):
        client.force_login(intruso)
        assert client.get(reverse("conciliadores:mi_caso", args=[caso.pk])).status_code in (
            403,
            404,
        )
        assert (
            client.get(reverse("conciliadores:disciplina_caso", args=[caso.pk])).status_code == 403
        )
        assert client.get(mio.get_absolute_url()).status_code == 404

    client.force_login(agente_registro)
    pagina = client.get(reverse("conciliadores:disciplina_caso", args=[caso.pk]))
    assert pagina.status_code == 200 and "Ordenar el sumario" in pagina.content.decode()
    # Bad input keeps what was typed and says why, in Spanish.
    respuesta = client.post(
        reverse("conciliadores:disciplina_accion", args=[caso.pk, "sumario"]),
        {"instructor": "", "fundamento": "Hechos graves"},
    )
    assert respuesta.status_code == 400 and "Hechos graves" in respuesta.content.decode()


def test_las_listas_de_casos_no_crecen_en_consultas(ahora, agente_registro, client):
    investigado = crear_conciliador("X-0100")

    def contar(usuario, url, n):
        for _i in range(n):
            CasoDisciplinario.objects.create(
                numero=f"DISC-T{CasoDisciplinario.objects.count() + 1}/2026",
                conciliador=investigado,
                origen="oficio",
                estado=E.DESCARGO,
                hechos="h",
                abierto_por=agente_registro,
            )
        client.force_login(usuario)
        client.get(url)
        with CaptureQueriesContext(connection) as consultas:
            respuesta = client.get(url)
        assert respuesta.status_code == 200
        return len(consultas)

    lista = reverse("conciliadores:disciplina")
    assert contar(agente_registro, lista, 3) == contar(agente_registro, lista, 10)
    mios = reverse("conciliadores:mis_casos")
    assert contar(investigado.usuario, mios, 2) == contar(investigado.usuario, mios, 12)
