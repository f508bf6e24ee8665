"""The organisations a representative's menu lists on every page, cached per user (issue 13:
the menu is on every page, so it is not one query plus one per organisation each time). The
cached copy is dropped when a membership or an organisation's name changes (cuentas.senales)."""

from django.core.cache import cache

SEGUNDOS = 300


def clave(usuario_id: int) -> str:
    return f"cuentas:menu:{usuario_id}"


def organizaciones_del_menu(usuario) -> list[dict]:
    """[{id, razon_social}] of the user's memberships, in the order they were made."""
    from cuentas.models import Membresia

    filas = cache.get(clave(usuario.pk))
    if filas is None:
        filas = [
            {"id": m.organizacion_id, "razon_social": m.organizacion.razon_social}
            for m in Membresia.objects.filter(usuario=usuario)
            .select_related("organizacion")
            .order_by("pk")
        ]
        cache.set(clave(usuario.pk), filas, SEGUNDOS)
    return filas


def olvidar(*usuario_ids: int) -> None:
    cache.delete_many([clave(pk) for pk in usuario_ids])
