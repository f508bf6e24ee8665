"""Writes of documentos: issue a document, render its PDF (task), store an upload."""

import hashlib
import json
import os
import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import DatosInvalidos
from documentos import saneamiento
from documentos.models import ArchivoSubido, Documento, TipoDocumento
from documentos.numeracion import anio_de_emision, siguiente_numero


def _sujeto(sujeto: models.Model | None) -> dict:
    if sujeto is None:
        return {"sujeto_tipo": None, "sujeto_id": None}
    return {"sujeto_tipo": ContentType.objects.get_for_model(sujeto), "sujeto_id": sujeto.pk}


def emitir_documento(
    *,
    tipo: str,
    plantilla: str,
    snapshot: dict,
    por,
    sujeto: models.Model | None = None,
    regimen: tuple[str, str] = ("COPREC", "2015"),
    titulo: str,
    reemplaza: Documento | None = None,
) -> Documento:
    """Issues a numbered, immutable document and queues its PDF on the pdf queue after commit.

    Runs in the caller's transaction (the act that produces the document): a rollback leaves no
    document (and, on PostgreSQL, a gap in the series: documentos/numeracion.py).
    `snapshot` must hold every value templates/pdf/<plantilla>.html shows. A correction passes
    `reemplaza` (the old document stays, marked as replaced on /verificar/).
    """

    if tipo not in TipoDocumento.values:
        raise ValueError(f"tipo de documento desconocido: {tipo}")
    get_template(f"pdf/{plantilla}.html")  # fail inside the act, not later in the worker
    regimen_codigo, regimen_version = regimen
    anio = anio_de_emision(regimen_codigo)
    # No savepoint of its own: the act that issues it is the transaction (or this one is).
    with transaction.atomic(savepoint=False):
        return _crear_documento(
            tipo=tipo,
            anio=anio,
            plantilla=plantilla,
            snapshot=snapshot,
            por=por,
            sujeto=sujeto,
            regimen_codigo=regimen_codigo,
            regimen_version=regimen_version,
            titulo=titulo,
            reemplaza=reemplaza,
        )


def _crear_documento(
    *,
    tipo,
    anio,
    plantilla,
    snapshot,
    por,
    sujeto,
    regimen_codigo,
    regimen_version,
    titulo,
    reemplaza,
) -> Documento:
    from documentos.tasks import renderizar_documento

    documento = Documento.objects.create(
        tipo=tipo,
        anio=anio,
        numero=siguiente_numero(tipo, anio),
        titulo=titulo[:250],
        plantilla=plantilla,
        # Through JSON now, so what is stored is exactly what the PDF will show.
        snapshot=json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder)),
        regimen_codigo=regimen_codigo,
        regimen_version=regimen_version,
        codigo=secrets.token_urlsafe(12),
        emitido_por=por,
        reemplaza=reemplaza,
        **_sujeto(sujeto),
    )
    renderizar_documento.delay_on_commit(documento.pk)
    return documento


def renderizar_documento(documento_id: int) -> bool:
    """Renders and stores the PDF once. True if this call stored it; a second run, or a run
    that loses the race, does nothing (compare-and-swap on the empty hash)."""
    from documentos.pdf import renderizar_pdf

    documento = Documento.objects.filter(pk=documento_id).first()
    if documento is None or documento.renderizado:
        return False
    contenido = renderizar_pdf(documento)
    nombre = default_storage.save(
        f"documentos/{documento.anio}/{uuid.uuid4().hex}.pdf", ContentFile(contenido)
    )
    guardado = Documento.objects.filter(pk=documento_id, sha256="").update(
        archivo=nombre,
        sha256=hashlib.sha256(contenido).hexdigest(),
        renderizado_en=timezone.now(),
    )
    if guardado != 1:
        default_storage.delete(nombre)
        return False
    return True


def _megas(tamano: int) -> str:
    return f"{tamano / (1024 * 1024):.0f}"


def leer_con_limite(archivo) -> bytes:
    """The upload's bytes, refusing anything over SUBIDA_TAMANO_MAXIMO without reading it all."""
    maximo = settings.SUBIDA_TAMANO_MAXIMO
    error = DatosInvalidos(
        _("El archivo supera el tamaño máximo de %(mb)s MB.") % {"mb": _megas(maximo)},
        campos={"archivo": ["tamano"]},
    )
    if (getattr(archivo, "size", None) or 0) > maximo:
        raise error
    archivo.seek(0)
    contenido = archivo.read(maximo + 1)
    archivo.seek(0)
    if len(contenido) > maximo:
        raise error
    if not contenido:
        raise DatosInvalidos(_("El archivo está vacío."), campos={"archivo": ["vacio"]})
    return contenido


@transaction.atomic
def guardar_subida(
    archivo, *, por, sujeto: models.Model | None = None, categoria: str = ""
) -> ArchivoSubido:
    """Checks, sanitises and stores an uploaded file privately under a generated name.

    Raises DatosInvalidos with a message for the person (size, type, lying extension, broken
    or password-protected file). Precondition: the caller authorised `por` on `sujeto`.
    """
    contenido = leer_con_limite(archivo)
    nombre_original = os.path.basename(getattr(archivo, "name", "") or "archivo")[:255]
    limpio, tipo = saneamiento.sanear(contenido, nombre_original)
    extension = saneamiento.TIPOS[tipo][0]
    ahora = timezone.now()
    nombre = default_storage.save(
        f"subidas/{ahora:%Y}/{uuid.uuid4().hex}.{extension}", ContentFile(limpio)
    )
    return ArchivoSubido.objects.create(
        subido_por=por,
        categoria=categoria,
        nombre_original=nombre_original,
        archivo=nombre,
        tipo_contenido=tipo,
        tamano=len(limpio),
        sha256=hashlib.sha256(limpio).hexdigest(),
        sha256_original=hashlib.sha256(contenido).hexdigest(),
        creado_en=ahora,
        **_sujeto(sujeto),
    )
