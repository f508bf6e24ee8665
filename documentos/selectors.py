"""Reads of documentos. Callers have already checked access to the subject."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from documentos.models import ArchivoSubido, Documento


def _del_sujeto(qs: QuerySet, sujeto) -> QuerySet:
    return qs.filter(sujeto_tipo=ContentType.objects.get_for_model(sujeto), sujeto_id=sujeto.pk)


def archivos_de(sujeto, *, categoria: str | None = None) -> QuerySet[ArchivoSubido]:
    qs = _del_sujeto(ArchivoSubido.objects.select_related("subido_por"), sujeto)
    if categoria is not None:
        qs = qs.filter(categoria=categoria)
    return qs.order_by("creado_en", "pk")


def documentos_de(sujeto) -> QuerySet[Documento]:
    return _del_sujeto(Documento.objects.all(), sujeto).order_by("emitido_en", "pk")


def documento_por_codigo(codigo: str) -> Documento | None:
    return Documento.objects.filter(codigo=codigo).select_related("reemplaza").first()
