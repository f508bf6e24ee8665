"""Browser, on a 360 px phone: a disciplinary case end to end (Decreto 202/2015, Anexo II).
Registry staff open a complaint and record its ratification; the conciliator reads the charge
and files a descargo with a PDF from their own area; staff order the sumario and give notice to
plead; the conciliator pleads; staff close the sumario, file the report and decide a 30-day
suspension. Every page fits the width and has no serious axe-core violation."""

import re

import pytest

from conciliadores.models import CasoDisciplinario, Sancion
from tests.conciliadores.conftest import crear_conciliador
from tests.documentos.muestras import pdf_en_blanco
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _revisar(pagina, nombre: str) -> None:
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == [], nombre
    captura(pagina, f"disciplina-{nombre}")


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()


def _etapa(pagina, texto: str):
    pagina.locator("p.etapa", has_text=texto).wait_for()


def test_un_caso_disciplinario_de_punta_a_punta(
    pagina, ingresar_como, conciliador, agente_registro, tmp_path
):
    ana = crear_conciliador("DISC-A01", usuario=conciliador)
    pagina.set_viewport_size({"width": 360, "height": 740})

    # Staff open the complaint from the registry.
    ingresar_como(agente_registro)
    pagina.goto("/panel/registro/")
    pagina.get_by_role("link", name="Casos disciplinarios").first.click()
    pagina.get_by_role("link", name="Abrir un caso").first.click()
    pagina.get_by_label("Conciliador/a denunciado/a").select_option(label=str(ana))
    pagina.get_by_label("Origen").select_option(label="Denuncia del personal")
    pagina.get_by_role("button", name="Abrir el caso").click()
    pagina.get_by_role("heading", name="Revisá lo que cargaste").wait_for()  # nothing lost
    pagina.get_by_label("Denunciante: nombre y apellido").fill("Marta Gómez")
    pagina.get_by_label("Denunciante: DNI").fill("20111222")
    pagina.get_by_label("Denunciante: domicilio constituido").fill("Perú 100, CABA")
    pagina.get_by_label("Causal invocada (Anexo II)").fill("Art. 4 b")
    pagina.get_by_label(re.compile(r"Relación circunstanciada")).fill(
        "No se presentó a la audiencia del 20/2 ni avisó a las partes."
    )
    _revisar(pagina, "nuevo")
    pagina.get_by_role("button", name="Abrir el caso").click()
    pagina.get_by_role("heading", name=re.compile(r"Caso disciplinario DISC-\d+.\d{4}")).wait_for()
    caso = CasoDisciplinario.objects.get(conciliador=ana)
    _etapa(pagina, "Ratificación de la denuncia")
    _revisar(pagina, "ratificacion")

    pagina.get_by_label(re.compile(r"Ratificación, rectificación")).fill("Ratifico la denuncia.")
    pagina.get_by_role("button", name="Registrar la ratificación").click()
    _etapa(pagina, "Descargo del conciliador")
    pagina.get_by_role(
        "link", name=re.compile(r"Traslado de cargos al conciliador N\.º")
    ).first.wait_for()
    _salir(pagina)

    # The conciliator answers from their own area.
    ingresar_como(conciliador)
    pagina.goto("/conciliadores/mis-casos/")
    _revisar(pagina, "mis-casos")
    pagina.get_by_role("link", name=caso.numero).click()
    _etapa(pagina, "Descargo del conciliador")
    pdf = tmp_path / "descargo.pdf"
    pdf.write_bytes(pdf_en_blanco())
    pagina.get_by_label("Tu descargo (art. 9 b)").fill("Avisé por correo a las partes.")
    pagina.locator("section.accion-descargo input[type=file]").set_input_files(str(pdf))
    _revisar(pagina, "descargo")
    pagina.get_by_role("button", name="Presentar el descargo").click()
    pagina.get_by_text("Quedó registrado en el expediente del caso.").wait_for()
    _etapa(pagina, "Evaluación de la Dirección")
    _salir(pagina)

    # Staff order the sumario and give notice to plead.
    ingresar_como(agente_registro)
    pagina.goto(f"/panel/registro/disciplina/{caso.pk}/")
    pagina.get_by_label("Instructor sumariante designado").fill("Dra. Laura Paz")
    pagina.get_by_label(re.compile(r"Fundamentos de la resolución que ordena")).fill(
        "Hechos verosímiles; el descargo no los desvirtúa."
    )
    pagina.get_by_role("button", name="Ordenar el sumario").click()
    _etapa(pagina, "Sumario")
    _revisar(pagina, "sumario")
    pagina.get_by_role("button", name="Correr vista").click()
    _etapa(pagina, "Vista para alegar")
    _salir(pagina)

    ingresar_como(conciliador)
    pagina.goto(f"/conciliadores/mis-casos/{caso.pk}/")
    pagina.get_by_label(re.compile(r"Tu alegato")).fill("La prueba muestra que avisé a tiempo.")
    pagina.get_by_role("button", name="Presentar el alegato").click()
    _etapa(pagina, "Cierre del sumario")
    _salir(pagina)

    # The officer closes the sumario and reports; the Secretaría decides.
    ingresar_como(agente_registro)
    pagina.goto(f"/panel/registro/disciplina/{caso.pk}/")
    pagina.get_by_role("button", name="Cerrar el sumario").click()
    _etapa(pagina, "Informe del instructor")
    pagina.get_by_label(re.compile(r"a\) ¿Los hechos constituyen")).fill("Sí: art. 4 b.")
    pagina.get_by_label(re.compile(r"b\) Se atribuye responsabilidad")).check()
    pagina.get_by_label("d) Sanción aconsejada").fill("Suspensión de 30 días")
    pagina.get_by_role("button", name="Presentar el informe").click()
    _etapa(pagina, "Resolución de la Secretaría")
    pagina.get_by_label("Resultado").select_option(label="Suspensión (art. 4)")
    pagina.get_by_label(re.compile(r"Días corridos de suspensión")).fill("3")
    pagina.get_by_label(re.compile(r"^Fundamentos")).fill("Mal desempeño acreditado.")
    pagina.get_by_role("button", name="Dictar la resolución").click()
    pagina.get_by_text("La suspensión va de 5 días corridos a un año").first.wait_for()
    pagina.get_by_label(re.compile(r"Días corridos de suspensión")).fill("30")
    pagina.get_by_role("button", name="Dictar la resolución").click()
    _etapa(pagina, "Resuelto")
    assert "30 días corridos" in pagina.locator("p.etapa").inner_text()
    _revisar(pagina, "resuelto")
    sancion = Sancion.objects.get(conciliador=ana)
    assert sancion.tipo == "suspension" and (sancion.hasta - sancion.desde).days == 30

    # The decision is verifiable.
    pagina.locator("ul.documentos-caso li", has_text="Resolución disciplinaria").get_by_role(
        "link", name="verificar"
    ).click()
    pagina.get_by_text(re.compile(r"Resolución disciplinaria")).first.wait_for()
    assert pagina.problemas == []
