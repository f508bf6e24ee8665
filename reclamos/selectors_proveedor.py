"""A provider's claim list, driven from its own rows (decision 0033, issue 13).

A big provider's served claims are rare among the newest claims, so walking every claim's
newest-first index and checking an EXISTS per claim read ~84,000 rows a page at 1M claims.
Here each organisation the representative acts for is a source of reclamos.recorridos: it walks
the partial index proveedor_citado_fecha (organizacion, presentado_en DESC, reclamo DESC) WHERE
citado_en IS NOT NULL (one query each: a representative acts for a handful). A claim naming two
of them comes once.
"""

from cuentas.permisos import organizaciones_representadas
from cuentas.roles import Rol
from reclamos import recorridos
from reclamos.models import ReclamoProveedor

ORDEN = recorridos.ORDEN


def fuentes_del_proveedor(usuario, *, clave=None, **filtros) -> list[recorridos.Fuente]:
    """One source per organisation `usuario` represents (only the key's with an API key)."""
    organizaciones = sorted(
        organizaciones_representadas(usuario, clave).values_list("pk", flat=True)
    )
    filtro = recorridos.filtro(**filtros)
    return [
        recorridos.fuente(
            ReclamoProveedor.objects.filter(
                filtro, organizacion_id=organizacion, citado_en__isnull=False
            )
        )
        for organizacion in organizaciones
    ]


recorridos.registrar(Rol.REPRESENTANTE, fuentes_del_proveedor)


def pagina_del_proveedor(
    usuario, *, clave=None, cursor=None, atras=False, tamano=recorridos.TAMANO, **filtros
):
    """The page of filed claims served on the organisations `usuario` represents, newest filed
    first: the same rows, order and filters as selectors.lista_reclamos for a representative."""
    fuentes = fuentes_del_proveedor(usuario, clave=clave, **filtros)
    return recorridos.pagina(fuentes, cursor=cursor, atras=atras, tamano=tamano)
