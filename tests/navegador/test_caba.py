"""Browser, on a 360 px phone: CABA (Ley 757). (a) A denuncia filed online with daño directo →
hearing fixed with a staff audiencista → provider absent without justification → fine in UF and
sumario → disposición with daño directo → recurso directo recorded. (b) An agreement reported
breached opens a sumario. Every page stays within 360 px with no serious axe-core violation."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from normativa.models import ValorReferencia
from reclamos.estados import Estado
from reclamos.models import Reclamo
from sumarios.models import Disposicion, MultaIncomparecencia, RecursoDirecto, Sumario
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BA = ZoneInfo("America/Argentina/Buenos_Aires")
FIJACION = dt.datetime(2026, 3, 2, 10, 0, tzinfo=BA)
DURANTE = dt.datetime(2026, 3, 10, 10, 40, tzinfo=BA)


def _revisar(pagina, nombre):
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == [], nombre
    captura(pagina, f"caba-{nombre}")


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.get_by_role("link", name="Ingresar").first.wait_for()


def _valores():
    for tipo, valor, fuente in (
        ("UF", "1200", "Ley Tarifaria 2026 (prueba)"),
        ("CBT", "1100000", "INDEC (prueba)"),
    ):
        ValorReferencia.objects.update_or_create(
            tipo=tipo,
            vigente_desde=dt.date(2026, 1, 1),
            defaults={"valor": Decimal(valor), "fuente": fuente},
        )


def _denunciar(pagina, ingresar_como, consumidora) -> Reclamo:
    ingresar_como(consumidora)
    pagina.goto("/caba/denunciar/")
    pagina.get_by_role("heading", name="Hacer una denuncia ante Defensa al Consumidor").wait_for()
    _revisar(pagina, "denunciar")
    pagina.get_by_label("Domicilio", exact=True).fill("Av. de Mayo 500, CABA")
    pagina.get_by_label("CUIT de la empresa").fill("30712345671")
    pagina.get_by_label("Nombre de la empresa").fill("Telefonía Ejemplo S.A.")
    pagina.get_by_label("Domicilio de la empresa").fill("Av. Corrientes 1234, CABA")
    pagina.get_by_label("Qué pasó").fill("La heladera llegó con la puerta rota.")
    pagina.get_by_label("Qué le pedís a la empresa").fill("Que me la cambien.")
    pagina.get_by_label("Reclamo daño directo").check()
    pagina.get_by_label("Monto del daño directo (pesos)").fill("250000")
    pagina.get_by_label("Qué bien se dañó").fill("La puerta de la heladera.")
    pagina.get_by_label(re.compile("Soy consumidor/a final")).check()
    pagina.get_by_label(re.compile("El hecho ocurrió en la Ciudad")).check()
    pagina.get_by_role("button", name="Enviar la denuncia").click()
    pagina.get_by_text(re.compile("Recibimos tu denuncia")).wait_for()
    _revisar(pagina, "denuncia-consumidora")
    _salir(pagina)
    return Reclamo.objects.get(consumidor=consumidora)


def _fijar_audiencia(pagina, ingresar_como, audiencista, reclamo):
    ingresar_como(audiencista)
    pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
    pagina.get_by_role("button", name="Admitir la denuncia").click()
    pagina.get_by_text("Listo.").wait_for()
    pagina.get_by_label("Día y hora (hora oficial argentina)").fill("2026-03-10T10:00")
    pagina.get_by_label("Modalidad").select_option("presencial")
    pagina.get_by_role("button", name="Fijar la audiencia").click()
    pagina.get_by_text("Audiencia fijada: avisamos a las partes.").wait_for()
    _revisar(pagina, "audiencia-fijada")
    _salir(pagina)


def _acta(pagina, ingresar_como, audiencista, reclamo, *, empresa: bool, resultado: str, texto=""):
    ingresar_como(audiencista)
    pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
    pagina.get_by_label("¿Asistió el denunciante?").select_option("1")
    pagina.get_by_label("Quién asistió por el denunciante").fill("Lucía Fernández")
    pagina.get_by_label("¿Asistió Telefonía Ejemplo S.A.?").select_option("1" if empresa else "0")
    if empresa:
        pagina.get_by_label("Quién asistió por la empresa").fill("Martín Gómez")
    pagina.get_by_label("Resultado").select_option(resultado)
    if texto:
        pagina.get_by_label("Términos del acuerdo o lo ocurrido").fill(texto)
    pagina.get_by_role("button", name="Emitir el acta").click()
    pagina.get_by_text("Acta emitida.").wait_for()


def test_denuncia_incomparecencia_multa_sumario_disposicion_y_recurso(
    pagina, ingresar_como, consumidora, funcionario, administrador, proveedor
):
    _valores()
    pagina.set_viewport_size({"width": 360, "height": 740})
    with time_machine.travel(FIJACION, tick=True) as viaje:
        reclamo = _denunciar(pagina, ingresar_como, consumidora)
        assert reclamo.denuncia_caba.dano_directo_monto == Decimal("250000")
        _fijar_audiencia(pagina, ingresar_como, funcionario, reclamo)

        viaje.move_to(DURANTE)
        _acta(
            pagina,
            ingresar_como,
            funcionario,
            reclamo,
            empresa=False,
            resultado="incomparecencia_proveedor",
        )
        pagina.get_by_label("Unidades fijas").fill("500")
        pagina.get_by_label("Fundamentos").fill("No justificó su ausencia en 3 días hábiles.")
        pagina.get_by_role("button", name="Imponer la multa y pasar a sumario").click()
        pagina.get_by_text("Multa impuesta: el expediente pasó a sumario.").wait_for()
        assert MultaIncomparecencia.objects.get(reclamo=reclamo).monto == Decimal("600000")
        pagina.get_by_role("link", name=re.compile("Ver el sumario")).click()
        pagina.get_by_label("Normas presuntamente infringidas").fill("Ley 24.240 arts. 10 bis y 19")
        _revisar(pagina, "sumario-abierto")
        pagina.get_by_role("button", name="Emitir la imputación").click()
        pagina.get_by_text("Imputación emitida.").wait_for()
        sumario = Sumario.objects.get(reclamo=reclamo)
        _salir(pagina)

        # The charged provider files its descargo.
        ingresar_como(proveedor)
        pagina.goto(f"/caba/sumarios/{sumario.pk}/")
        pagina.get_by_label("Tu descargo").fill("La heladera salió sana del depósito.")
        _revisar(pagina, "descargo")
        pagina.get_by_role("button", name="Presentar el descargo").click()
        pagina.get_by_text("Descargo presentado.").wait_for()
        _salir(pagina)

        ingresar_como(funcionario)
        pagina.goto(f"/caba/sumarios/{sumario.pk}/")
        pagina.get_by_role("button", name="Pasen a resolver").click()
        pagina.get_by_text("Pase a resolver.").wait_for()
        _salir(pagina)

        # The Director General signs the disposición: a fine in CBT and the daño directo.
        ingresar_como(administrador)
        pagina.goto(f"/caba/sumarios/{sumario.pk}/")
        pagina.get_by_label("Multa", exact=True).check()
        pagina.get_by_label(re.compile("Multa en Canastas")).fill("10")
        pagina.get_by_label(re.compile("Perjuicio resultante")).fill("Dos meses sin heladera.")
        pagina.get_by_label(re.compile("Daño directo a favor")).fill("200000")
        pagina.get_by_label("Fundamentos").fill("Se acreditó la entrega de un bien defectuoso.")
        _revisar(pagina, "disposicion")
        pagina.get_by_role("button", name="Firmar la disposición").click()
        pagina.get_by_text("Disposición firmada.").wait_for()
        _salir(pagina)

        # The provider records its recurso directo without depositing the fine.
        ingresar_como(proveedor)
        pagina.goto(f"/caba/sumarios/{sumario.pk}/")
        pagina.get_by_label("Fecha de presentación").fill("2026-03-12")
        pagina.get_by_label("¿Se acreditó el depósito de la multa?").select_option("0")
        pagina.get_by_role("button", name="Registrar el recurso directo").click()
        pagina.get_by_text(re.compile("Recurso directo registrado")).wait_for()
        _revisar(pagina, "recurso")

    disposicion = Disposicion.objects.get(sumario=sumario)
    assert disposicion.dano_directo == Decimal("200000")
    assert disposicion.monto_multa == Decimal("11000000")
    recurso = RecursoDirecto.objects.get(sumario=sumario)
    assert not recurso.deposito_acreditado
    assert Sumario.objects.get(pk=sumario.pk).estado == Sumario.Estado.SANCIONADO
    assert pagina.problemas == []


def test_acuerdo_incumplido_abre_sumario(
    pagina, ingresar_como, consumidora, funcionario, proveedor_activo
):
    pagina.set_viewport_size({"width": 360, "height": 740})
    with time_machine.travel(FIJACION, tick=True) as viaje:
        reclamo = _denunciar(pagina, ingresar_como, consumidora)
        _fijar_audiencia(pagina, ingresar_como, funcionario, reclamo)
        viaje.move_to(DURANTE)
        _acta(
            pagina,
            ingresar_como,
            funcionario,
            reclamo,
            empresa=True,
            resultado="acuerdo",
            texto="La empresa cambia la heladera en 20 días hábiles.",
        )
        reclamo.refresh_from_db()
        assert reclamo.estado == Estado.ACUERDO_FIRMADO  # no homologation
        _salir(pagina)

        ingresar_como(consumidora)
        pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
        pagina.get_by_role("heading", name="¿La empresa cumplió el acuerdo?").wait_for()
        _revisar(pagina, "cumplimiento")
        pagina.get_by_label("Qué no cumplió").fill("No me cambiaron la heladera.")
        pagina.get_by_role("button", name="Informar el incumplimiento").click()
        pagina.get_by_text(re.compile("la Dirección abrió un sumario")).wait_for()
        _revisar(pagina, "incumplimiento")

    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_SUMARIO
    sumario = Sumario.objects.get(reclamo=reclamo)
    assert sumario.origen == Sumario.Origen.INCUMPLIMIENTO
    assert pagina.problemas == []


def test_medida_preventiva_apelacion_cuarto_intermedio_y_multas(
    pagina, ingresar_como, consumidora, funcionario, proveedor
):
    """(c) Staff order a preventive measure and the provider appeals it; the hearing passes to
    a cuarto intermedio with its continuation fixed on the spot; the fines list."""
    pagina.set_viewport_size({"width": 360, "height": 740})
    with time_machine.travel(FIJACION, tick=True) as viaje:
        reclamo = _denunciar(pagina, ingresar_como, consumidora)
        _fijar_audiencia(pagina, ingresar_como, funcionario, reclamo)
        ingresar_como(funcionario)
        pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
        pagina.get_by_label("Medida", exact=True).select_option("cese")
        pagina.get_by_label("Qué se ordena").fill("Cesar la venta del lote 42.")
        pagina.get_by_label(re.compile("Por qué: verosimilitud")).fill("Fallas eléctricas.")
        _revisar(pagina, "medida-ordenar")
        pagina.get_by_role("button", name="Dictar la medida y notificar").click()
        pagina.get_by_text(re.compile("Medida preventiva ordenada")).wait_for()
        _salir(pagina)

        ingresar_como(proveedor)
        pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
        pagina.get_by_label("Motivos de la apelación").fill("Las fallas son de otro lote.")
        _revisar(pagina, "medida-apelar")
        pagina.get_by_role("button", name="Presentar la apelación").click()
        pagina.get_by_text(re.compile("Apelación registrada")).wait_for()
        _salir(pagina)

        viaje.move_to(DURANTE)
        ingresar_como(funcionario)
        pagina.goto(f"/caba/denuncias/{reclamo.pk}/")
        pagina.get_by_label("¿Asistió el denunciante?").select_option("1")
        pagina.get_by_label("Quién asistió por el denunciante").fill("Lucía Fernández")
        pagina.get_by_label("¿Asistió Telefonía Ejemplo S.A.?").select_option("1")
        pagina.get_by_label("Quién asistió por la empresa").fill("Martín Gómez")
        pagina.get_by_label("Resultado").select_option("nueva_audiencia")
        pagina.get_by_label(re.compile("Si pasa a cuarto intermedio")).fill("2026-03-17T11:00")
        pagina.get_by_label("Quién pidió el cuarto intermedio").select_option("ambas")
        _revisar(pagina, "cuarto-intermedio-acta")
        pagina.get_by_role("button", name="Emitir el acta").click()
        pagina.get_by_text("Acta emitida.").wait_for()
        _revisar(pagina, "cuarto-intermedio")
        pagina.goto("/caba/multas/")
        pagina.get_by_role("heading", name="Multas").wait_for()
        _revisar(pagina, "multas")

    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    assert reclamo.audiencias.filter(estado="fijada", orden=2).exists()
    assert reclamo.medidas_preventivas.get().apelada_en is not None
    assert pagina.problemas == []


def test_el_personal_carga_una_denuncia_derivada_de_la_vuf(
    pagina, ingresar_como, funcionario, proveedor_activo, settings
):
    """C1c behind CABA_VUF_HABILITADA (decision 0038): the VUF number is filed, shown on the
    denuncia's page, and the same number again gets a Spanish message; 360 px, axe."""
    settings.CABA_VUF_HABILITADA = True
    pagina.set_viewport_size({"width": 360, "height": 740})
    ingresar_como(funcionario)

    def cargar():
        pagina.goto("/caba/denunciar/")
        _revisar(pagina, "denunciar-vuf")
        pagina.get_by_label("Número del reclamo en la VUF").fill("VUF-2026-000777")
        for etiqueta, valor in (
            ("Nombre", "Marta"),
            ("Apellido", "Suárez"),
            ("DNI", "28111222"),
            ("Domicilio", "Av. de Mayo 500, CABA"),
            ("Correo para notificaciones", "marta@example.com"),
            ("CUIT de la empresa", "30712345671"),
            ("Nombre de la empresa", "Telefonía Ejemplo S.A."),
            ("Domicilio de la empresa", "Av. Corrientes 1234, CABA"),
            ("Qué pasó", "Me cobran un servicio que di de baja."),
        ):
            pagina.get_by_label(etiqueta, exact=True).fill(valor)
        pagina.locator("#d-pedido").fill("Que me devuelvan lo cobrado.")
        pagina.get_by_label(re.compile("Declara ser consumidor/a final")).check()
        pagina.get_by_label(re.compile("El hecho ocurrió en la Ciudad")).check()
        pagina.get_by_role("button", name="Enviar la denuncia").click()

    cargar()
    pagina.get_by_text(re.compile("derivada de la VUF")).wait_for()
    assert pagina.locator("[data-numero-vuf]").inner_text() == "VUF-2026-000777"
    _revisar(pagina, "denuncia-vuf")
    cargar()
    pagina.get_by_text(re.compile("ya está cargado como denuncia")).wait_for()
    _revisar(pagina, "denuncia-vuf-repetida")
    assert Reclamo.objects.count() == 1
