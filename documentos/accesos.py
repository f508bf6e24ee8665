"""Access rules for subjects of the apps documentos may import (cuentas). Downstream apps
register theirs in their own AppConfig.ready()."""

from cuentas.models import Organizacion
from cuentas.permisos import puede_revisar_organizaciones
from documentos.permisos import registrar_acceso


def ver_archivos_de_organizacion(usuario, organizacion: Organizacion) -> bool:
    """The organisation's members and the staff who review organisations (the signatory's
    power of attorney is part of the activation review)."""
    return (
        puede_revisar_organizaciones(usuario)
        or organizacion.membresias.filter(usuario=usuario, activa=True).exists()
    )


registrar_acceso(Organizacion, ver_archivos_de_organizacion)
