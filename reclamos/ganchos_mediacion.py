"""What the mediation procedure registers with upstream apps: its section on the organisation's
review page and queue (cuentas.revision) and who is reminded of the agency's timers (plazos)."""

from cuentas.alcance import solo_a_cargo
from cuentas.models import Usuario
from cuentas.revision import registrar_extension
from cuentas.roles import Rol
from normativa.regimenes import Papel, codigos_de
from plazos import registro
from reclamos.models import Mediacion, Reclamo
from reclamos.selectors_mediacion import empresas_pendientes


def _contexto_revision(request, organizacion):
    from reclamos.views.adhesion import contexto_revision_empresa

    return contexto_revision_empresa(request, organizacion)


registrar_extension(
    plantilla="reclamos/mediacion/_revision_empresa.html",
    contexto=_contexto_revision,
    pendientes=empresas_pendientes,
)


def _funcionarios(plazo):
    """The agency's registration timer: before registration nobody is in charge yet; every
    official with the claim's régimen in scope is reminded (decision 0038)."""
    reclamo = plazo.sujeto
    oficiales = Usuario.objects.filter(rol=Rol.FUNCIONARIO, is_active=True).order_by("pk")
    if not isinstance(reclamo, Reclamo):
        return list(oficiales)
    return solo_a_cargo(oficiales, reclamo.regimen_codigo)


def _a_cargo_y_proveedor(plazo):
    """The provider's answer in the mediation: its representatives must answer; the official
    in charge follows."""
    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return []
    mediacion = Mediacion.objects.filter(reclamo=reclamo).select_related("funcionario").first()
    representantes = Usuario.objects.filter(
        membresias__organizacion__reclamos_recibidos__reclamo=reclamo,
        membresias__activa=True,
    ).distinct()
    return [*representantes, mediacion.funcionario if mediacion else None]


for _codigo in codigos_de(Papel.REGISTRO):
    registro.registrar_responsable(_codigo, _funcionarios)
for _codigo in codigos_de(Papel.RESPUESTA_MEDIACION):
    registro.registrar_responsable(_codigo, _a_cargo_y_proveedor)
