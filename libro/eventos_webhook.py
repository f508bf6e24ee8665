"""What libro gives the webhooks app (decision 0023): the sheet's representation for an
organisation (the API's HojaSerializer, only for sheets of its own books, as
libro.permisos.hojas_visibles), "hoja.recibida", and PE-01/PE-02 for the deadline warning."""

from libro import terminos
from libro.models import Hoja
from webhooks.eventos import emitir, registrar_representacion
from webhooks.plazos import registrar_plazo_del_proveedor


def representar_hoja(pk: int, organizacion) -> dict | None:
    from libro.api import HojaSerializer

    hoja = Hoja.objects.filter(pk=pk, libro__organizacion=organizacion).select_related("libro")
    hoja = hoja.first()
    return HojaSerializer(hoja).data if hoja else None


def hoja_recibida(hoja: Hoja) -> None:
    emitir("hoja.recibida", organizacion=hoja.libro.organizacion, recurso="hoja", pk=hoja.pk)


def _proveedor_del_plazo(plazo) -> list:
    hoja = Hoja.objects.select_related("libro__organizacion").filter(pk=plazo.object_id).first()
    return [(hoja.libro.organizacion, "hoja", hoja.pk)] if hoja else []


registrar_representacion("hoja", representar_hoja)
for _codigo in (terminos.RESPUESTA, terminos.PROPUESTA):
    registrar_plazo_del_proveedor(_codigo, _proveedor_del_plazo)
