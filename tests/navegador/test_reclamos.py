"""Browser: filing a claim as a consumer experiences it (every wizard step, a validation error that
keeps what was typed, a draft resumed from another device, the number, receipt PDF and e-mail),
office filing with the account claimed through "Solicitar una nueva contraseña", each admission
outcome from the staff queue, and accumulation (join and separate)."""

import datetime as dt
import io
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from pypdf import PdfReader

from normativa.models import ValorReferencia
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.documentos.muestras import pdf_en_blanco
from tests.navegador.conftest import _registrar_problemas, captura, ingresar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUEVA_CONTRASENA = "Una-clave-nueva-2026"


@pytest.fixture
def smvm(db):
    return ValorReferencia.objects.create(
        tipo="SMVM",
        vigente_desde=dt.date(2020, 1, 1),
        valor=Decimal("330000.00"),
        fuente="Res. de prueba",
    )


def _pdf(nombre: str) -> dict:
    return {"name": nombre, "mimeType": "application/pdf", "buffer": pdf_en_blanco()}


def _texto_pdf(descarga) -> str:
    lector = PdfReader(io.BytesIO(descarga.path().read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


def _paso_actual(pagina) -> str:
    return pagina.locator("nav.progreso li[aria-current=step]").inner_text().strip()


def _guardar_y_continuar(pagina):
    pagina.get_by_role("button", name="Guardar y continuar").click()


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.get_by_role("link", name="Ingresar").first.wait_for()


# --- 1. The consumer's wizard ----------------------------------------------------------------


def test_el_asistente_completo_con_errores_y_el_borrador_retomado_en_otro_dispositivo(
    pagina, navegador, live_server, ingresar_como, consumidora, proveedor_activo, smvm, mailoutbox
):
    ingresar_como(consumidora)
    pagina.locator(".tarjetas").get_by_role(
        "link", name=re.compile("^Presentar un reclamo")
    ).click()
    pagina.get_by_role("heading", name="Presentar un reclamo").wait_for()
    pagina.get_by_role("button", name="Empezar un reclamo nuevo").click()

    # Step 1, "Tus datos": the name and DNI come from the account (shown, not editable); no
    # consent is refused with a message in Spanish, and everything typed stays.
    pagina.get_by_role("heading", name="Tus datos", exact=True).wait_for()
    assert _paso_actual(pagina) == "1. Tus datos"
    assert pagina.get_by_text("Paso 1 de 6").count() == 1
    assert pagina.get_by_label("Nombre").input_value() == "Lucía"
    assert pagina.get_by_label("Apellido").input_value() == "Fernández"
    assert pagina.get_by_label("Correo electrónico para notificaciones").input_value() == (
        "lucia@example.com"
    )
    assert pagina.get_by_role("link", name="Leer el aviso de privacidad").get_attribute("href") == (
        "/privacidad/"
    )
    assert pagina.get_by_label("DNI").is_disabled()
    assert pagina.get_by_label("DNI").input_value() == "30123456"
    pagina.get_by_label("Domicilio real").fill("Av. Siempreviva 742, CABA")
    pagina.get_by_label("Teléfono").fill("11 5555-1234")
    captura(pagina, "reclamo-paso-1-datos")
    _guardar_y_continuar(pagina)
    resumen = pagina.locator("[data-resumen-errores]")
    resumen.wait_for()
    assert "Necesitamos tu consentimiento para tramitar el reclamo." in resumen.inner_text()
    assert pagina.get_by_label("Domicilio real").input_value() == "Av. Siempreviva 742, CABA"
    assert pagina.get_by_label("Teléfono").input_value() == "11 5555-1234"
    captura(pagina, "reclamo-paso-1-error-consentimiento")
    pagina.get_by_label(re.compile("Leí el aviso de privacidad")).check()
    _guardar_y_continuar(pagina)

    # Step 2, providers: a CUIT with a wrong check digit is refused and the name stays; the right
    # one is recognised as a registered provider and its data fill in.
    pagina.get_by_role("heading", name="¿Contra quién reclamás?").wait_for()
    assert _paso_actual(pagina) == "2. Proveedores"
    proveedor = pagina.locator("fieldset.proveedor").first
    proveedor.get_by_label("CUIT").fill("30-71234567-2")
    proveedor.get_by_label("CUIT").press("Tab")
    proveedor.get_by_label("Razón social").fill("Telefonía Ejemplo")
    proveedor.get_by_label("Domicilio legal").fill("Corrientes 1234")
    _guardar_y_continuar(pagina)
    pagina.get_by_text(
        "El CUIT 30-71234567-2 no es válido: revisá los 11 dígitos y el verificador."
    ).first.wait_for()
    proveedor = pagina.locator("fieldset.proveedor").first
    assert proveedor.get_by_label("CUIT").input_value() == "30-71234567-2"
    assert proveedor.get_by_label("Razón social").input_value() == "Telefonía Ejemplo"
    assert proveedor.get_by_label("Domicilio legal").input_value() == "Corrientes 1234"
    # No screenshot before the htmx swap below: Playwright's screenshot leaves an empty style
    # attribute on inputs, which htmx then tries to settle onto the swapped ones (CSP refuses).
    proveedor.get_by_label("CUIT").fill("30-71234567-1")
    proveedor.get_by_label("CUIT").press("Tab")
    pagina.get_by_text(
        "Empresa registrada: Telefonía Ejemplo S.A. — completamos sus datos."
    ).wait_for()
    assert proveedor.get_by_label("Razón social").input_value() == "Telefonía Ejemplo S.A."
    assert proveedor.get_by_label("Domicilio legal").input_value() == "Av. Corrientes 1234, CABA"
    captura(pagina, "reclamo-paso-2-proveedor-sugerido")
    _guardar_y_continuar(pagina)

    # Step 3: what happened, what is claimed and the amount, with today's legal limit shown.
    pagina.get_by_role("heading", name="Tu reclamo", exact=True).wait_for()
    assert _paso_actual(pagina) == "3. Tu reclamo"
    assert pagina.get_by_text(
        re.compile(r"El límite legal es de 55 SMVM: hoy, \$ 18\.150\.000,00")
    ).is_visible()
    pagina.get_by_label("¿Qué pasó?").fill(
        "Compré un celular el 2 de marzo y a la semana dejó de encender. El servicio técnico "
        "no lo quiso cambiar."
    )
    pagina.get_by_label("¿Qué reclamás?").fill("El cambio del equipo por uno nuevo.")
    pagina.get_by_label("Monto reclamado en pesos").fill("350000,50")
    captura(pagina, "reclamo-paso-3-reclamo")
    _guardar_y_continuar(pagina)
    pagina.get_by_role("heading", name="Lugar y designación del conciliador").wait_for()

    # She stops here. Later, on another device, she logs in and finds the draft.
    otro = navegador.new_context(
        locale="es-AR",
        timezone_id="America/Argentina/Buenos_Aires",
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
    )
    try:
        telefono = otro.new_page()
        telefono.set_default_timeout(20000)
        telefono.problemas = _registrar_problemas(telefono, live_server.url)
        ingresar(telefono, consumidora)
        telefono.locator(".tarjetas").get_by_role("link", name=re.compile("^Mis reclamos")).click()
        pendientes = telefono.locator("section.pendientes")
        assert "Terminá de cargar y presentá el reclamo" in pendientes.inner_text()
        pendientes.get_by_role("link", name="Borrador").click()

        # It opens where she stopped, with the earlier steps done and their data kept.
        telefono.get_by_role("heading", name="Lugar y designación del conciliador").wait_for()
        assert _paso_actual(telefono) == "4. Lugar y conciliador"
        assert telefono.locator("nav.progreso li.hecho").count() == 3
        _continuar_en(telefono)
        assert telefono.problemas == []
    finally:
        otro.close()

    reclamo = Reclamo.objects.get()
    assert reclamo.numero.startswith(f"COPREC-{reclamo.presentado_en.year}-")
    assert re.fullmatch(r"COPREC-\d{4}-000001", reclamo.numero)
    assert (reclamo.regimen_codigo, reclamo.regimen_version) == ("COPREC", "2015")
    assert reclamo.estado == Estado.EN_ADMISION
    assert reclamo.consumidor_dni == "30123456"
    assert reclamo.monto == Decimal("350000.50")
    assert reclamo.tope == Decimal("330000.00") * 55
    assert reclamo.proveedores.get().organizacion == proveedor_activo

    # The e-mail with the receipt attached.
    correo = next(m for m in mailoutbox if reclamo.numero in m.subject)
    assert correo.to == ["lucia@example.com"]
    assert "Recibimos tu reclamo" in correo.body
    assert any(nombre.endswith(".pdf") for nombre, *_ in correo.attachments)
    assert pagina.problemas == []


def _continuar_en(pagina):
    """Steps 4–6 and filing, on whatever device the consumer resumed on."""
    # Step 4: the venue, and the designation method with who pays the basic fee under each.
    pagina.get_by_label("¿Dónde querés tramitar el reclamo?").select_option(label="Mi domicilio")
    pagina.get_by_label("Localidad").fill("CABA")
    opcion = lambda nombre: pagina.locator(".opcion-metodo", has_text=nombre)  # noqa: E731
    assert "es gratuito para vos" in opcion("Sorteo").inner_text()
    assert "lo paga el proveedor" in opcion("Acuerdo con el proveedor").inner_text()
    assert "lo pagás vos" in opcion("Elección del consumidor").inner_text()
    assert pagina.get_by_text("La forma que elijas no se puede cambiar después.").is_visible()
    # The choice is final: without the confirmation it is refused, and the choice stays.
    pagina.get_by_label("Sorteo (gratuito para el consumidor)").check()
    _guardar_y_continuar(pagina)
    pagina.get_by_text("Confirmá que entendés que la elección es definitiva.").first.wait_for()
    assert pagina.get_by_label("Sorteo (gratuito para el consumidor)").is_checked()
    assert pagina.get_by_label("Localidad").input_value() == "CABA"
    pagina.get_by_label(re.compile("forma elegida es definitiva")).check()
    captura(pagina, "reclamo-paso-4-designacion")
    _guardar_y_continuar(pagina)

    # Step 5: documents.
    pagina.get_by_role("heading", name="Documentos").wait_for()
    assert _paso_actual(pagina) == "5. Documentos"
    pagina.get_by_label(re.compile("^Documento")).set_input_files(_pdf("factura.pdf"))
    pagina.get_by_role("button", name="Subir y seguir agregando").click()
    pagina.get_by_text("Agregamos el documento.").wait_for()
    assert pagina.locator(".lista-archivos").get_by_role("link", name="factura.pdf").count() == 1
    captura(pagina, "reclamo-paso-5-documentos")
    pagina.get_by_role("link", name="Continuar a la revisión").click()

    # Step 6: the review page, then filing.
    pagina.get_by_role("heading", name="Revisá tu reclamo antes de presentarlo").wait_for()
    assert _paso_actual(pagina) == "6. Revisión"
    assert pagina.get_by_text("Falta completar:").count() == 0
    resumen = pagina.locator("dl.resumen").inner_text()
    for dato in (
        "Lucía Fernández — DNI 30123456",
        "Av. Siempreviva 742, CABA",
        "lucia@example.com",
        "Telefonía Ejemplo S.A. (CUIT 30712345671)",
        "dejó de encender",
        "El cambio del equipo por uno nuevo.",
        "$ 350.000,50",
        "Mi domicilio — CABA",
        "Sorteo (gratuito para el consumidor)",
        "factura.pdf",
    ):
        assert dato in resumen, dato
    captura(pagina, "reclamo-paso-6-revision")
    pagina.get_by_role("button", name="Presentar el reclamo").click()

    # The claim page: the number with the régimen's prefix, the state and the receipt.
    encabezado = pagina.get_by_role("heading", name=re.compile(r"^Reclamo COPREC-\d{4}-\d{6}$"))
    encabezado.wait_for()
    numero = encabezado.inner_text().removeprefix("Reclamo ")
    assert pagina.get_by_text(
        f"Presentaste el reclamo {numero}. Te enviamos la constancia por correo."
    ).is_visible()
    assert pagina.locator(".estado-reclamo").get_by_text("En admisión").is_visible()
    assert "COPREC 2015" in pagina.locator(".estado-reclamo").inner_text()
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=f"Constancia de presentación {numero}").click()
    texto = _texto_pdf(descarga.value)
    for dato in (
        "Constancia de presentación",
        f"Reclamo {numero}",
        "DNI 30123456",
        "Telefonía Ejemplo S.A. — CUIT 30712345671",
        "Mi domicilio — CABA",
        "Sorteo",
    ):
        assert dato in texto, dato
    captura(pagina, "reclamo-presentado")


# --- 2. Office filing and the account claimed by password reset -----------------------------


def test_carga_en_oficina_y_la_consumidora_reclama_su_cuenta_con_una_nueva_contrasena(
    pagina, ingresar_como, agente_admision, proveedor_activo, smvm, mailoutbox
):
    ingresar_como(agente_admision)
    pagina.goto("/panel/admision/")
    pagina.get_by_role("link", name="Cargar un reclamo en la oficina").click()
    pagina.get_by_role("heading", name="Cargar un reclamo en la oficina").wait_for()
    pagina.get_by_label("Correo del consumidor").fill("rosa.gomez@example.com")
    pagina.get_by_label("Nombre").fill("Rosa")
    pagina.get_by_label("Apellido").fill("Gómez")
    pagina.get_by_label("DNI").fill("27.456.789")
    pagina.get_by_label("Teléfono").fill("11 4444-0000")
    pagina.get_by_role("button", name="Continuar con el formulario").click()

    # The same wizard, for her, at the counter.
    pagina.get_by_role("heading", name="Reclamo cargado en oficina").wait_for()
    assert pagina.get_by_label("Nombre").input_value() == "Rosa"
    assert pagina.get_by_label("DNI").input_value() == "27456789"
    pagina.get_by_label("Domicilio real").fill("Calle 12 n.º 345, Quilmes")
    pagina.get_by_label(re.compile("Leí el aviso de privacidad")).check()
    _guardar_y_continuar(pagina)
    cuit = pagina.locator("fieldset.proveedor").first.get_by_label("CUIT")
    cuit.fill("30712345671")
    cuit.press("Tab")
    pagina.get_by_text("Empresa registrada: Telefonía Ejemplo S.A.").wait_for()
    _guardar_y_continuar(pagina)
    pagina.get_by_label("¿Qué pasó?").fill("Me facturan una línea que di de baja en enero.")
    pagina.get_by_label("¿Qué reclamás?").fill("La baja efectiva y el reintegro de lo cobrado.")
    pagina.get_by_label(re.compile("No puedo determinar el monto")).check()
    _guardar_y_continuar(pagina)
    pagina.get_by_label("¿Dónde querés tramitar el reclamo?").select_option(
        label="Donde contraté o compré"
    )
    pagina.get_by_label("Localidad").fill("Quilmes")
    pagina.get_by_label("Sorteo (gratuito para el consumidor)").check()
    pagina.get_by_label(re.compile("forma elegida es definitiva")).check()
    _guardar_y_continuar(pagina)
    pagina.get_by_role("link", name="Continuar a la revisión").click()
    resumen = pagina.locator("dl.resumen").inner_text()
    assert "Indeterminado (declaración jurada de que no supera el límite)" in resumen
    captura(pagina, "oficina-revision")
    pagina.get_by_role("button", name="Presentar el reclamo").click()
    encabezado = pagina.get_by_role("heading", name=re.compile(r"^Reclamo COPREC-\d{4}-\d{6}$"))
    encabezado.wait_for()
    numero = encabezado.inner_text().removeprefix("Reclamo ")

    # Her account exists without a password, and the derivation notice tells her the username.
    reclamo = Reclamo.objects.get(numero=numero)
    rosa = reclamo.consumidor
    assert (rosa.email, rosa.dni, rosa.rol) == ("rosa.gomez@example.com", "27456789", "consumidor")
    assert not rosa.has_usable_password()
    assert reclamo.cargado_por == agente_admision
    derivacion = next(m for m in mailoutbox if "fue cargado en la oficina" in m.subject)
    assert derivacion.to == ["rosa.gomez@example.com"]
    assert "Tu usuario en el portal es: rosa.gomez@example.com" in derivacion.body
    assert "Solicitar una nueva contraseña" in derivacion.body
    _salir(pagina)

    # At home she asks for a new password, follows the link in the e-mail and sets one.
    pagina.goto("/cuentas/login/")
    pagina.locator(".enlaces-cuenta").get_by_role(
        "link", name="Solicitar una nueva contraseña"
    ).click()
    pagina.get_by_role("heading", name="Solicitar una nueva contraseña").wait_for()
    pagina.get_by_label("Correo electrónico").fill("rosa.gomez@example.com")
    pagina.get_by_role("button", name="Nueva contraseña por correo electrónico").click()
    pagina.wait_for_url(re.compile("/cuentas/password/reset/done/"))
    restablecer = next(m for m in mailoutbox if "/cuentas/password/reset/key/" in m.body)
    assert restablecer.to == ["rosa.gomez@example.com"]
    enlace = re.search(r"https?://\S+/cuentas/password/reset/key/\S+", restablecer.body).group()
    pagina.goto(urlsplit(enlace).path)
    pagina.get_by_role("heading", name="Elegí tu nueva contraseña").wait_for()
    claves = pagina.locator("input[type=password]")
    claves.nth(0).fill(NUEVA_CONTRASENA)
    claves.nth(1).fill(NUEVA_CONTRASENA)
    captura(pagina, "oficina-nueva-contrasena")
    pagina.get_by_role("button", name="Guardar la contraseña").click()
    pagina.wait_for_url(re.compile("/cuentas/password/reset/key/done/"))

    # Following the link proved her address: she logs in with no second confirmation e-mail.
    assert EmailAddress.objects.get(user=rosa).verified
    ingresar(pagina, rosa, contrasena=NUEVA_CONTRASENA)
    pagina.locator(".tarjetas").get_by_role("link", name=re.compile("^Mis reclamos")).click()
    fila = pagina.locator("tr", has_text=numero).first
    assert "Telefonía Ejemplo S.A." in fila.inner_text()
    assert "En admisión" in fila.inner_text()
    fila.get_by_role("link", name=numero).click()
    pagina.get_by_role("heading", name=f"Reclamo {numero}").wait_for()
    captura(pagina, "oficina-reclamo-de-la-consumidora")
    assert pagina.problemas == []


# --- 3. Admission outcomes -------------------------------------------------------------------


def _en_admision(consumidora, proveedor, numero="COPREC-2026-000101", **extra):
    from tests.reclamos.factories import reclamo_en

    return reclamo_en(
        Estado.EN_ADMISION,
        consumidor=consumidora,
        organizacion=proveedor,
        numero=numero,
        tope=Decimal("330000.00") * 55,
        valor_tope_unidad=Decimal("330000.00"),
        **extra,
    )


def _abrir_revision(pagina, reclamo):
    pagina.goto("/panel/admision/")
    pagina.get_by_role("heading", name="Reclamos en admisión").wait_for()
    pagina.locator("tr", has_text=reclamo.numero).get_by_role("link", name=reclamo.numero).click()
    pagina.get_by_role("heading", name=f"Admisibilidad del reclamo {reclamo.numero}").wait_for()


def _marcar_control(pagina, *, salvo=()):
    for etiqueta in (
        "El formulario está completo",
        "Hay una relación de consumo",
        "El reclamo es individual (no colectivo)",
        "El monto está dentro del tope",
    ):
        if etiqueta not in salvo:
            pagina.get_by_label(etiqueta).check()


def _plazos_en_curso(pagina) -> str:
    return pagina.locator("section.plazos-sujeto").inner_text()


def _etapas(pagina) -> str:
    """The parties' timeline (reclamos.etapas): their deadlines, in words, without codes."""
    return pagina.locator("section.etapas").inner_text()


def test_admitir_metodo_a_y_la_consumidora_queda_por_elegir_turno(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo, mailoutbox
):
    reclamo = _en_admision(consumidora, proveedor_activo)
    otro = _en_admision(consumidora, proveedor_activo, numero="COPREC-2026-000102")
    otro.consumidor_apellido = "Ibáñez"
    otro.save(update_fields=["consumidor_apellido"])
    ingresar_como(agente_admision)

    # The queue: oldest first, searchable, with how long each claim has waited.
    pagina.goto("/panel/admision/")
    assert pagina.get_by_text(
        "Todavía no hay decisiones para calcular la espera promedio."
    ).is_visible()
    assert pagina.locator("tbody tr").count() == 2
    pagina.get_by_label("Buscar").fill("Fernández")
    pagina.get_by_role("button", name="Filtrar").click()
    pagina.wait_for_url(re.compile(r"q=Fern"))
    assert pagina.locator("tbody tr").count() == 1
    fila = pagina.locator("tbody tr").first
    assert reclamo.numero in fila.inner_text() and "minuto" in fila.inner_text()
    captura(pagina, "admision-cola")
    _abrir_revision(pagina, reclamo)

    # Admitting with a point of art. 6 unchecked is refused; what was ticked stays.
    _marcar_control(pagina, salvo=("El monto está dentro del tope",))
    pagina.get_by_label("Admitir", exact=True).check()
    pagina.get_by_label("Requerimiento o motivos").fill("Cumple los requisitos.")
    pagina.get_by_role("button", name="Registrar decisión").click()
    pagina.get_by_text("Para admitir, todos los puntos del art. 6 deben cumplirse.").wait_for()
    assert pagina.get_by_label("El formulario está completo").is_checked()
    assert pagina.get_by_label("Admitir", exact=True).is_checked()
    assert pagina.get_by_label("Requerimiento o motivos").input_value() == "Cumple los requisitos."
    captura(pagina, "admision-revision-art-6")
    pagina.get_by_label("El monto está dentro del tope").check()
    pagina.get_by_role("button", name="Registrar decisión").click()
    pagina.get_by_text(f"Decisión registrada para {reclamo.numero}.").wait_for()
    assert pagina.get_by_text(re.compile(r"Espera promedio real de los últimos 90 días")).count()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ESPERA_TURNO
    admitido = next(m for m in mailoutbox if m.subject.endswith(f"{reclamo.numero} admitido"))
    assert admitido.to == [consumidora.email]
    _salir(pagina)

    # The consumer sees it among the claims that wait for her.
    ingresar_como(consumidora)
    pagina.locator(".tarjetas").get_by_role(
        "link", name=re.compile("^Reclamos con acción pendiente")
    ).click()
    fila = pagina.locator("tr", has_text=reclamo.numero)
    assert "Elegí un turno para la audiencia" in fila.inner_text()
    fila.get_by_role("link", name=reclamo.numero).click()
    estado = pagina.locator(".estado-reclamo").get_by_text("En espera de selección de turno")
    estado.wait_for()
    assert pagina.problemas == []


def test_requerir_acreditacion_y_la_respuesta_con_un_documento_vuelve_a_la_cola(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo, mailoutbox
):
    reclamo = _en_admision(consumidora, proveedor_activo)
    ingresar_como(agente_admision)
    _abrir_revision(pagina, reclamo)
    _marcar_control(pagina, salvo=("Hay una relación de consumo",))
    pagina.get_by_label("Requerir acreditación (10 días hábiles)").check()
    pagina.get_by_role("button", name="Registrar decisión").click()
    pagina.get_by_text("Escribí el requerimiento o los motivos.").first.wait_for()
    pagina.get_by_label("Requerimiento o motivos").fill("Acompañá la factura de compra del equipo.")
    pagina.get_by_role("button", name="Registrar decisión").click()
    pagina.get_by_text(f"Decisión registrada para {reclamo.numero}.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REQUERIMIENTO
    aviso = next(m for m in mailoutbox if "te pedimos documentación" in m.subject)
    assert aviso.to == [consumidora.email]
    _salir(pagina)

    ingresar_como(consumidora)
    pagina.goto("/reclamos/")
    pendientes = pagina.locator("section.pendientes")
    assert "Respondé el requerimiento de documentación" in pendientes.inner_text()
    pendientes.get_by_role("link", name=reclamo.numero).click()
    etapas = _etapas(pagina)
    assert "Tenés que hacerlo hasta el" in etapas
    assert "Acreditación de extremos requerida al consumidor" in etapas and "AR-01" not in etapas
    captura(pagina, "reclamo-linea-de-etapas")
    pagina.get_by_role("link", name="Responder el requerimiento").click()
    assert pagina.locator("blockquote").inner_text() == "Acompañá la factura de compra del equipo."
    pagina.get_by_role("button", name="Enviar respuesta").click()
    pagina.get_by_text("Adjuntá la documentación pedida o escribí tu respuesta.").wait_for()
    pagina.get_by_label("Tu respuesta").fill("Adjunto la factura.")
    pagina.get_by_label("Documentación (PDF, JPG o PNG)").set_input_files(
        _pdf("factura-compra.pdf")
    )
    captura(pagina, "requerimiento-respuesta")
    pagina.get_by_role("button", name="Enviar respuesta").click()
    pagina.get_by_text("Enviamos tu respuesta: el reclamo vuelve a admisión.").wait_for()
    assert pagina.locator(".estado-reclamo").get_by_text("En admisión").is_visible()
    assert "Acreditación de extremos" not in _etapas(pagina)
    _salir(pagina)

    # Back in the queue, with the document on the review page.
    ingresar_como(agente_admision)
    _abrir_revision(pagina, reclamo)
    assert pagina.get_by_role("link", name="factura-compra.pdf").count() == 1
    assert "El consumidor respondió el requerimiento" in pagina.content()
    assert pagina.problemas == []


def test_no_admitir_la_reconsideracion_suspende_la_prescripcion_y_la_oficina_la_decide(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo, mailoutbox
):
    reclamo = _en_admision(consumidora, proveedor_activo)
    ingresar_como(agente_admision)
    _abrir_revision(pagina, reclamo)
    _marcar_control(pagina, salvo=("El reclamo es individual (no colectivo)",))
    pagina.get_by_label("No admitir").check()
    pagina.get_by_label("Requerimiento o motivos").fill(
        "El reclamo plantea un interés colectivo, ajeno al art. 2."
    )
    pagina.get_by_role("button", name="Registrar decisión").click()
    pagina.get_by_text(f"Decisión registrada para {reclamo.numero}.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.INADMITIDO

    # The notice names the remedies, before whom, and where their terms run.
    rechazo = next(m for m in mailoutbox if m.subject.endswith("no admitido"))
    assert rechazo.to == [consumidora.email]
    for texto in (
        "Motivos: El reclamo plantea un interés colectivo, ajeno al art. 2.",
        "Recurso de reconsideración, ante la misma oficina que rechazó el reclamo.",
        "Recurso jerárquico, ante la autoridad superior de la oficina.",
        "Los plazos y el vencimiento figuran en",
    ):
        assert texto in rechazo.body, texto
    _salir(pagina)

    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    plazos = _etapas(pagina)
    assert "Recurso contra la no admisión (reconsideración)" in plazos
    assert "Recurso jerárquico contra la no admisión" in plazos
    pagina.get_by_role("link", name="Recurrir la no admisión").click()
    assert "ajeno al art. 2" in pagina.locator("main").inner_text()
    assert pagina.get_by_text(
        "Recurso de reconsideración — ante la misma oficina que rechazó el reclamo"
    ).is_visible()
    pagina.get_by_label("Reconsideración (ante la misma oficina)").check()
    pagina.get_by_label("Fundamentos").fill(
        "Es mi reclamo individual: compré el equipo para mi uso personal."
    )
    captura(pagina, "recurso-reconsideracion")
    pagina.get_by_role("button", name="Presentar el recurso").click()
    pagina.get_by_text(
        "Presentaste el recurso. Mientras se resuelve, los plazos de prescripción están "
        "suspendidos."
    ).wait_for()
    assert pagina.get_by_text(
        "Hay un recurso en trámite contra la no admisión. Mientras se resuelve, los plazos de "
        "prescripción de las acciones judiciales y administrativas están suspendidos"
    ).is_visible()
    captura(pagina, "recurso-en-tramite")
    _salir(pagina)

    # The same office decides the reconsideración, from its queue.
    ingresar_como(agente_admision)
    pagina.goto("/panel/admision/")
    fila = pagina.locator("tr", has_text=reclamo.numero)
    assert "Recurso en trámite" in fila.inner_text()
    fila.get_by_role("link", name=reclamo.numero).click()
    pagina.get_by_role("link", name="Resolver el recurso").click()
    assert "compré el equipo para mi uso personal" in pagina.locator("main").inner_text()
    pagina.get_by_label("Admitir el recurso").check()
    pagina.get_by_label("Fundamentos").fill("Se acreditó que el reclamo es individual.")
    pagina.get_by_role("button", name="Resolver").click()
    pagina.get_by_text("Recurso resuelto.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.ESPERA_TURNO
    decision = next(m for m in mailoutbox if "se resolvió tu recurso" in m.subject)
    assert decision.to == [consumidora.email]
    assert pagina.get_by_text("Hay un recurso en trámite").count() == 0
    assert pagina.problemas == []


def test_requerimiento_vencido_el_personal_confirma_la_no_admision(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo, mailoutbox
):
    from plazos import barrido
    from plazos.models import Plazo
    from reclamos.services import admision

    reclamo = _en_admision(consumidora, proveedor_activo)
    admision.requerir_acreditacion(
        reclamo, por=agente_admision, requerimiento="Acompañá la factura."
    )

    # While AR-01 runs the claim is not in the queue and its page offers no confirmation.
    ingresar_como(agente_admision)
    pagina.goto("/panel/admision/")
    assert pagina.locator("tr", has_text=reclamo.numero).count() == 0
    pagina.get_by_label("Estado").select_option(label="Requerimiento de acreditación")
    pagina.get_by_role("button", name="Filtrar").click()
    pagina.locator("tr", has_text=reclamo.numero).get_by_role("link", name=reclamo.numero).click()
    pagina.get_by_role("heading", name=f"Reclamo {reclamo.numero}").wait_for()
    assert "(AR-01)" in _plazos_en_curso(pagina)
    confirmar = pagina.get_by_role("link", name="Confirmar no admisión por falta de respuesta")
    assert confirmar.count() == 0

    # AR-01 expires unanswered: the claim comes back to the queue, flagged for staff.
    barrido.vencer_plazos(ahora=timezone.now() + dt.timedelta(days=40))
    ar01 = Plazo.objects.get(tipo="AR-01", object_id=reclamo.pk)
    assert (ar01.estado, ar01.requiere_atencion) == (Plazo.Estado.VENCIDO, True)
    pagina.goto("/panel/admision/")
    fila = pagina.locator("tr", has_text=reclamo.numero)
    assert "Venció el plazo para acreditar: confirmá la no admisión" in fila.inner_text()
    captura(pagina, "admision-cola-requerimiento-vencido")
    fila.get_by_role("link", name=reclamo.numero).click()
    assert "Queda a confirmación del personal" in pagina.locator("main").inner_text()
    pagina.get_by_role("link", name="Confirmar no admisión por falta de respuesta").click()
    pagina.get_by_role("heading", name=f"Confirmar la no admisión de {reclamo.numero}").wait_for()
    captura(pagina, "confirmar-no-admision")
    pagina.get_by_role("button", name="Confirmar no admisión").click()
    pagina.get_by_text("No admisión confirmada.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.INADMITIDO
    rechazo = next(m for m in mailoutbox if m.subject.endswith("no admitido"))
    assert "No se acreditaron los extremos requeridos dentro del plazo." in rechazo.body
    assert "Recurso de reconsideración" in rechazo.body
    assert pagina.problemas == []


# --- 4. Accumulation -------------------------------------------------------------------------


def test_acumular_dos_reclamos_por_los_mismos_hechos_y_separarlos(
    pagina, ingresar_como, agente_admision, consumidora, otra_consumidora, proveedor_activo
):
    uno = _en_admision(consumidora, proveedor_activo, numero="COPREC-2026-000201")
    dos = _en_admision(otra_consumidora, proveedor_activo, numero="COPREC-2026-000202")
    ingresar_como(agente_admision)
    pagina.goto("/panel/admision/")
    pagina.locator("#contenido").get_by_role("link", name="Acumular reclamos").click()
    pagina.get_by_role("heading", name="Acumular reclamos (art. 2)").wait_for()

    # A mistyped number: the form says which one, and keeps what was typed.
    pagina.get_by_label("Números de reclamo").fill("COPREC-2026-000201, COPREC-2026-000299")
    fundamento = "Mismo corte del servicio del 3 de marzo en el mismo barrio; mismo objeto."
    pagina.get_by_label(re.compile("^Fundamento")).fill(fundamento)
    pagina.get_by_role("button", name="Acumular").click()
    pagina.get_by_text("No encontramos: COPREC-2026-000299").first.wait_for()
    assert pagina.get_by_label(re.compile("^Fundamento")).input_value() == fundamento

    pagina.get_by_label("Números de reclamo").fill("copREC-2026-000201, COPREC-2026-000202")
    pagina.get_by_role("button", name="Acumular").click()
    pagina.get_by_text("Reclamos acumulados.").wait_for()
    pagina.get_by_role("heading", name=f"Reclamo {uno.numero}").wait_for()
    acumulacion = pagina.locator("section.acumulacion")
    assert dos.numero in acumulacion.inner_text()
    assert fundamento in acumulacion.inner_text()
    assert f"Acumulado con {dos.numero}" in pagina.locator("main").inner_text()
    captura(pagina, "acumulacion")
    _salir(pagina)

    # The consumer learns her claim runs jointly; the other consumer's claim stays closed to her.
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{uno.pk}/")
    acumulacion = pagina.locator("section.acumulacion")
    assert "tramita junto con otro reclamo fundado en los mismos hechos" in (
        acumulacion.inner_text()
    )
    assert acumulacion.get_by_role("link").count() == 0
    assert acumulacion.get_by_role("button", name="Separar de la acumulación").count() == 0
    assert pagina.goto(f"/reclamos/{dos.pk}/").status in (403, 404)
    _salir(pagina)

    # The other claim shows the same procedure; staff separate it again.
    ingresar_como(agente_admision)
    pagina.goto(f"/reclamos/{uno.pk}/")
    pagina.locator("section.acumulacion").get_by_role("link", name=dos.numero).click()
    pagina.get_by_role("heading", name=f"Reclamo {dos.numero}").wait_for()
    acumulacion = pagina.locator("section.acumulacion")
    assert uno.numero in acumulacion.inner_text()
    acumulacion.get_by_label("Fundamento de la separación").fill("Los hechos resultaron distintos.")
    acumulacion.get_by_role("button", name="Separar de la acumulación").click()
    pagina.get_by_text("Reclamo separado de la acumulación.").wait_for()
    assert pagina.locator("section.acumulacion").count() == 0
    texto = pagina.locator("main").inner_text()
    assert f"Separado de {uno.numero}" in texto
    assert "Los hechos resultaron distintos." in texto
    pagina.goto(f"/reclamos/{uno.pk}/")
    assert pagina.locator("section.acumulacion").count() == 0
    assert f"Separado de {dos.numero}" in pagina.locator("main").inner_text()
    assert pagina.problemas == []
