"""An organisation administrator's acts on its webhooks: register, edit, rotate the secret,
pause/resume, send a test event, redeliver."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.permisos import administra_organizacion
from webhooks import red
from webhooks.eventos import PRUEBA, TIPOS, entregas
from webhooks.models import Endpoint, Entrega, Evento, nuevo_secreto


def exigir_administrador(usuario, organizacion, clave=None) -> None:
    """Only an administrator of the organisation (by session) or a key of that organisation."""
    if clave is not None:
        if clave.organizacion_id != organizacion.pk or not administra_organizacion(
            usuario, organizacion
        ):
            raise AccesoDenegado("Esta clave no administra los webhooks de la organización.")
        return
    if not administra_organizacion(usuario, organizacion):
        raise AccesoDenegado("No administrás esta organización.")


def validar(url: str, tipos: list[str]) -> None:
    errores = {}
    try:
        red.validar_url(url)
    except red.DestinoRechazado as error:
        errores["url"] = [str(error)]
    desconocidos = [t for t in tipos if t not in TIPOS]
    if desconocidos or not tipos:
        errores["tipos"] = ["Elegí al menos un tipo de evento de la lista."]
    if errores:
        raise DatosInvalidos("Revisá los datos del webhook.", campos=errores)


@transaction.atomic
def registrar(organizacion, *, por, url: str, tipos: list[str], descripcion="", dias_aviso=2):
    validar(url, tipos)
    return Endpoint.objects.create(
        organizacion=organizacion,
        url=url,
        tipos=sorted(set(tipos)),
        descripcion=descripcion,
        dias_aviso=dias_aviso,
        creado_por=por,
    )


@transaction.atomic
def modificar(endpoint: Endpoint, *, url: str, tipos: list[str], descripcion="", dias_aviso=2):
    validar(url, tipos)
    Endpoint.objects.filter(pk=endpoint.pk).update(
        url=url, tipos=sorted(set(tipos)), descripcion=descripcion, dias_aviso=dias_aviso
    )
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def rotar_secreto(endpoint: Endpoint, *, horas: int | None = None) -> Endpoint:
    """A new secret signs at once; the old one also signs (a second signature) for `horas`
    (WEBHOOKS_SOLAPAMIENTO_HORAS, 24 by default) so the subscriber can switch without loss."""
    horas = horas if horas is not None else getattr(settings, "WEBHOOKS_SOLAPAMIENTO_HORAS", 24)
    endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.secreto_anterior = endpoint.secreto
    endpoint.anterior_vence_en = timezone.now() + timedelta(hours=horas)
    endpoint.secreto = nuevo_secreto()
    endpoint.save(update_fields=["secreto", "secreto_anterior", "anterior_vence_en"])
    return endpoint


@transaction.atomic
def reanudar(endpoint: Endpoint) -> Endpoint:
    """Back to active; its waiting deliveries go now (in order, per claim)."""
    from conciliacion.trabajos import publicar
    from webhooks.tasks import entregar

    Endpoint.objects.filter(pk=endpoint.pk).update(
        estado=Endpoint.Estado.ACTIVO, fallos_seguidos=0, pausado_en=None
    )
    pendientes = Entrega.objects.filter(endpoint=endpoint, estado=Entrega.Estado.PENDIENTE)
    pendientes.update(proximo_intento=timezone.now())
    for pk in pendientes.order_by("pk").values_list("pk", flat=True)[:500]:
        publicar(entregar, pk)
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def desactivar(endpoint: Endpoint) -> Endpoint:
    Endpoint.objects.filter(pk=endpoint.pk).update(estado=Endpoint.Estado.DESACTIVADO)
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def enviar_prueba(endpoint: Endpoint) -> Entrega:
    evento = Evento.objects.create(
        tipo=PRUEBA,
        organizacion_id=endpoint.organizacion_id,
        datos={"mensaje": "Evento de prueba enviado desde el portal."},
    )
    return entregas(evento, [endpoint])[0]


@transaction.atomic
def reenviar(entrega: Entrega) -> Entrega:
    """A new delivery of the same event (same webhook-id: the subscriber may drop it)."""
    return entregas(entrega.evento, [entrega.endpoint])[0]
