"""The roles of the portal. One account, one role: every act in the expediente is recorded with
the function it was taken in (docs/decisions/0002-un-rol-por-cuenta.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    CONSUMIDOR = "consumidor", _("Consumidor/a")
    REPRESENTANTE = "representante", _("Representante de proveedor")
    CONCILIADOR = "conciliador", _("Conciliador/a")
    ADMISION = "admision", _("Admisión")
    HOMOLOGACION = "homologacion", _("Homologación")
    REGISTRO = "registro", _("Registro de conciliadores")
    FUNCIONARIO = "funcionario", _("Funcionario/a")
    # Ley 26.993 Title II: runs the Auditoría's procedure and resolves (decision 0028).
    AUDITOR = "auditor", _("Auditor/a en las Relaciones de Consumo")
    ADMINISTRADOR = "administrador", _("Administrador/a")


# Agency staff: MFA is mandatory for them and for conciliators (ARCHITECTURE.md "accounts").
ROLES_PERSONAL = frozenset(
    {
        Rol.ADMISION,
        Rol.HOMOLOGACION,
        Rol.REGISTRO,
        Rol.FUNCIONARIO,
        Rol.AUDITOR,
        Rol.ADMINISTRADOR,
    }
)
ROLES_CON_MFA = ROLES_PERSONAL | {Rol.CONCILIADOR}
