"""PDF rendering with WeasyPrint: our templates, our static files only, A4, PDF/A-3b.

The url_fetcher is the security boundary: a snapshot value that smuggles an <img src> or a CSS
url() pointing elsewhere (another host, file://, the cloud metadata address) is refused, so
rendering never makes a network request nor reads a file outside the static files.
"""

import base64
import mimetypes
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import qrcode
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join
from qrcode.image.svg import SvgPathImage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from normativa import regimenes

VARIANTE_PDF = "pdf/a-3b"


def _base() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def ruta_estatica(url: str) -> Path | None:
    """The file behind one of our static URLs (SITE_URL + STATIC_URL + path), or None."""
    prefijo = settings.SITE_URL.rstrip("/") + settings.STATIC_URL
    partes = urlsplit(url)
    if not url.startswith(prefijo) or partes.query or partes.fragment:
        return None
    relativa = unquote(url[len(prefijo) :])
    try:
        encontrada = finders.find(relativa)
        if not encontrada and settings.STATIC_ROOT:
            candidata = Path(safe_join(str(settings.STATIC_ROOT), relativa))
            encontrada = str(candidata) if candidata.is_file() else None
    except SuspiciousFileOperation:
        return None
    return Path(encontrada) if encontrada else None


class FetcherEstatico(URLFetcher):
    """Serves our static files and inline data: URIs; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("data", "http", "https"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        ruta = ruta_estatica(url)
        if ruta is None:
            raise ValueError(f"URL no permitida al generar un PDF: {url[:200]}")
        tipo = mimetypes.guess_type(ruta.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=ruta.read_bytes(), headers={"Content-Type": tipo})


def qr_data_uri(texto: str) -> str:
    imagen = qrcode.make(texto, image_factory=SvgPathImage, border=2)
    salida = BytesIO()
    imagen.save(salida)
    return "data:image/svg+xml;base64," + base64.b64encode(salida.getvalue()).decode()


def _zona(regimen_codigo: str) -> ZoneInfo:
    try:
        return ZoneInfo(regimenes.obtener(regimen_codigo).zona_horaria)
    except LookupError:
        return ZoneInfo(settings.TIME_ZONE)


def _regimen(regimen_codigo: str):
    try:
        return regimenes.obtener(regimen_codigo)
    except LookupError:
        return None


def html_del_documento(documento) -> str:
    url = documento.url_verificacion()
    zona = _zona(documento.regimen_codigo)
    regimen = _regimen(documento.regimen_codigo)
    idioma = regimen.idioma if regimen else "es-AR"
    contexto = {
        "idioma": idioma,
        "formal": bool(regimen and regimen.formal),
        "documento": documento,
        "snapshot": documento.snapshot,
        "tipo": documento.get_tipo_display(),
        "url_verificacion": url,
        "qr": qr_data_uri(url),
        "zona": zona,
    }
    with translation.override(idioma.lower()):
        return render_to_string(f"pdf/{documento.plantilla}.html", contexto)


def renderizar_pdf(documento) -> bytes:
    """The PDF bytes of an issued document. Slow: call only from the pdf queue's task."""
    html = HTML(
        string=html_del_documento(documento), base_url=_base(), url_fetcher=FetcherEstatico()
    )
    return html.write_pdf(pdf_variant=VARIANTE_PDF)
