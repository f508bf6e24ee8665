"""What exportaciones registers upstream: who may see a quarterly report's document (the
download and /verificar/ go through documentos, which cannot know our rule)."""

from documentos.permisos import registrar_acceso
from exportaciones.models import InformeTrimestral
from exportaciones.permisos import regimenes_para


def _puede_ver_informe(usuario, informe: InformeTrimestral) -> bool:
    return informe.regimen_codigo in regimenes_para(usuario, "informe")


registrar_acceso(InformeTrimestral, _puede_ver_informe)
