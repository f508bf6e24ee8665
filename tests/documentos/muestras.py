"""Sample files for upload tests (other apps' tests may import them): a real one-page PDF, a PNG,
and an UploadedFile wrapper."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_en_blanco() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def png(ancho=20, alto=10, **guardar) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (ancho, alto), (200, 30, 30)).save(salida, format="PNG", **guardar)
    return salida.getvalue()


def subido(nombre: str, contenido: bytes, tipo="application/octet-stream"):
    return SimpleUploadedFile(nombre, contenido, content_type=tipo)
