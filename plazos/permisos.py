"""Who may do what with plazos and decreed days, on top of cuentas.permisos."""

from cuentas.permisos import es_administrador


def puede_gestionar_dias(usuario) -> bool:
    """Loading decreed non-working days moves legal due dates: administrators only."""
    return es_administrador(usuario)
