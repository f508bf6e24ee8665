"""Uploads: type by content, truthful extensions, size limit, sanitised PDFs and images."""

import hashlib
import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from conciliacion.errores import DatosInvalidos
from documentos.forms import PoderForm
from documentos.models import ArchivoSubido
from documentos.services import guardar_subida
from tests.documentos.muestras import pdf_en_blanco, png, subido


def _jpeg() -> bytes:
    salida = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(salida, format="JPEG")
    return salida.getvalue()


def _guardar(nombre, contenido, por, **extra):
    return guardar_subida(subido(nombre, contenido), por=por, **extra)


def test_un_pdf_valido_se_guarda_en_privado_con_nombre_generado(consumidora, media_privada):
    archivo = _guardar("factura de compra.pdf", pdf_en_blanco(), consumidora, sujeto=consumidora)
    assert archivo.tipo_contenido == "application/pdf"
    assert archivo.nombre_original == "factura de compra.pdf"
    assert archivo.archivo.name.startswith("subidas/") and archivo.archivo.name.endswith(".pdf")
    assert "factura" not in archivo.archivo.name
    guardado = (media_privada / archivo.archivo.name).read_bytes()
    assert hashlib.sha256(guardado).hexdigest() == archivo.sha256
    assert archivo.tamano == len(guardado)
    assert archivo.sujeto == consumidora


def test_una_extension_mentirosa_se_rechaza(consumidora, media_privada):
    with pytest.raises(DatosInvalidos) as error:
        _guardar("contrato.pdf", png(), consumidora)
    assert "no coincide con su contenido (PNG)" in error.value.mensaje
    assert ArchivoSubido.objects.count() == 0
    assert not media_privada.exists() or not any(media_privada.rglob("*.*"))


@pytest.mark.parametrize(
    ("nombre", "contenido"),
    [
        ("notas.pdf", b"esto es texto, no un PDF"),
        ("pagina.png", b"<html><script>alert(1)</script></html>"),
        ("programa.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("roto.pdf", b"%PDF-1.7\n%%basura sin objetos"),
        ("cortada.jpg", _jpeg()[:300]),
        ("cortada.png", png(200, 200)[:120]),
    ],
)
def test_lo_que_no_es_pdf_jpg_ni_png_se_rechaza(consumidora, nombre, contenido):
    with pytest.raises(DatosInvalidos) as error:
        _guardar(nombre, contenido, consumidora)
    assert error.value.mensaje == "El archivo no es un PDF, JPG o PNG válido."


def test_un_archivo_sin_extension_se_rechaza(consumidora):
    with pytest.raises(DatosInvalidos) as error:
        _guardar("escaneo", png(), consumidora)
    assert "sin extensión" in error.value.mensaje


def test_un_archivo_demasiado_grande_se_rechaza(consumidora):
    contenido = pdf_en_blanco() + b"%" * (10 * 1024 * 1024)
    with pytest.raises(DatosInvalidos) as error:
        _guardar("grande.pdf", contenido, consumidora)
    assert error.value.mensaje == "El archivo supera el tamaño máximo de 10 MB."
    assert ArchivoSubido.objects.count() == 0


def test_el_limite_sale_de_la_configuracion(consumidora, settings):
    contenido = png()
    settings.SUBIDA_TAMANO_MAXIMO = len(contenido) - 1
    with pytest.raises(DatosInvalidos):
        _guardar("chico.png", contenido, consumidora)
    settings.SUBIDA_TAMANO_MAXIMO = len(contenido)
    assert _guardar("chico.png", contenido, consumidora).pk


def test_un_archivo_vacio_se_rechaza(consumidora):
    with pytest.raises(DatosInvalidos) as error:
        _guardar("vacio.pdf", b"", consumidora)
    assert "vacío" in error.value.mensaje


def _pdf_con_javascript() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    escritor.add_attachment("virus.exe", b"MZ ejecutable")  # /Names /EmbeddedFiles
    accion_js = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('http://malo.example');"),
        }
    )
    alerta = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hola desde el PDF');"),
        }
    )
    nombres = escritor._root_object["/Names"].get_object()
    nombres[NameObject("/JavaScript")] = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("saludo"), escritor._add_object(alerta)]
            )
        }
    )
    escritor._root_object[NameObject("/OpenAction")] = escritor._add_object(accion_js)
    escritor._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): escritor._add_object(accion_js)}
    )
    pagina = escritor.pages[0]
    pagina[NameObject("/AA")] = DictionaryObject({NameObject("/O"): accion_js})
    lanzar = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    enlace = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0)] * 2),
            NameObject("/A"): lanzar,
        }
    )
    adjunto = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    pagina[NameObject("/Annots")] = ArrayObject(
        [escritor._add_object(enlace), escritor._add_object(adjunto)]
    )
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def test_un_pdf_con_javascript_sale_sin_el(consumidora, media_privada):
    original = _pdf_con_javascript()
    assert b"/JavaScript" in original and b"/OpenAction" in original
    archivo = _guardar("formulario.pdf", original, consumidora)
    limpio = (media_privada / archivo.archivo.name).read_bytes()
    for marca in (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/EmbeddedFile"):
        assert marca not in limpio, marca
    assert (
        b"app.alert" not in limpio and b"cmd.exe" not in limpio and b"MZ ejecutable" not in limpio
    )
    lector = PdfReader(io.BytesIO(limpio))
    assert len(lector.pages) == 1
    raiz = lector.trailer["/Root"]
    assert "/JavaScript" not in raiz.get("/Names", {})
    anotaciones = [a.get_object() for a in lector.pages[0].get("/Annots", [])]
    assert [a["/Subtype"] for a in anotaciones] == ["/Link"]
    assert "/A" not in anotaciones[0]
    assert archivo.sha256 != archivo.sha256_original
    assert archivo.sha256_original == hashlib.sha256(original).hexdigest()


def test_un_pdf_protegido_con_contrasena_se_rechaza(consumidora):
    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    escritor.encrypt(user_password="secreta", owner_password="otra", algorithm="RC4-128")
    salida = io.BytesIO()
    escritor.write(salida)
    with pytest.raises(DatosInvalidos) as error:
        _guardar("protegido.pdf", salida.getvalue(), consumidora)
    assert "contraseña" in error.value.mensaje


def test_una_imagen_se_reencoda_sin_metadatos(consumidora, media_privada):
    exif = Image.Exif()
    exif[0x013B] = "Lucía Fernández"  # Artist
    exif[0x010F] = "CámaraEspía"  # Make
    salida = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(
        salida, format="JPEG", exif=exif.tobytes(), comment=b"comentario oculto"
    )
    original = salida.getvalue() + b"datos escondidos al final"
    archivo = _guardar("foto.JPG", original, consumidora)
    limpio = (media_privada / archivo.archivo.name).read_bytes()
    assert archivo.tipo_contenido == "image/jpeg" and archivo.archivo.name.endswith(".jpg")
    imagen = Image.open(io.BytesIO(limpio))
    assert imagen.size == (40, 30)
    assert not imagen.getexif()
    assert "comment" not in imagen.info
    assert b"Fern" not in limpio and b"escondidos" not in limpio


def test_un_png_conserva_la_imagen_y_pierde_el_texto(consumidora, media_privada):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Autor", "Lucía")
    archivo = _guardar("captura.png", png(pnginfo=info), consumidora)
    limpio = (media_privada / archivo.archivo.name).read_bytes()
    imagen = Image.open(io.BytesIO(limpio))
    assert imagen.size == (20, 10) and imagen.getpixel((0, 0)) == (200, 30, 30)
    assert "Autor" not in imagen.info


def test_una_bomba_de_descompresion_se_rechaza_sin_decodificarla(consumidora):
    salida = io.BytesIO()
    Image.new("1", (8000, 8000)).save(salida, format="PNG")
    with pytest.raises(DatosInvalidos) as error:
        _guardar("bomba.png", salida.getvalue(), consumidora)
    assert "demasiado grande" in error.value.mensaje


def test_el_campo_del_formulario_explica_el_error_en_castellano(db):
    form = PoderForm(data={}, files={"archivo": subido("poder.pdf", png())})
    assert not form.is_valid()
    assert "no coincide con su contenido (PNG)" in form.errors["archivo"][0]
    form = PoderForm(data={}, files={"archivo": subido("poder.pdf", pdf_en_blanco())})
    assert form.is_valid(), form.errors


def test_un_pdf_legitimo_conserva_texto_y_enlaces(consumidora, media_privada):
    from weasyprint import HTML

    original = HTML(
        string='<p>Factura N.º 0001-00012345 de Peña Hnos.</p><a href="https://example.com">web</a>'
    ).write_pdf()
    archivo = _guardar("factura.pdf", original, consumidora)
    lector = PdfReader(media_privada / archivo.archivo.name)
    assert "Factura N.º 0001-00012345 de Peña Hnos." in lector.pages[0].extract_text()
    enlace = lector.pages[0]["/Annots"][0].get_object()
    assert enlace["/A"]["/URI"] == "https://example.com"


def test_una_imagen_cortada_se_rechaza_aunque_weasyprint_ya_este_cargado(consumidora):
    import weasyprint.images  # noqa: F401  (turns LOAD_TRUNCATED_IMAGES on, process-wide)
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    with pytest.raises(DatosInvalidos):
        _guardar("cortada.jpg", _jpeg()[:300], consumidora)
