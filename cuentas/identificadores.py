"""Tax and identity numbers with their check digits (python-stdnum)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.ar import cuit as stdnum_cuit
from stdnum.ar import dni as stdnum_dni
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pe import ruc as stdnum_ruc


class TipoIdentificador(models.TextChoices):
    CUIT = "CUIT", "CUIT"
    RUC = "RUC", "RUC"


def validar_cuit(valor: str) -> str:
    try:
        return stdnum_cuit.validate(valor)
    except StdnumError as error:
        raise ValidationError(
            _("El CUIT %(valor)s no es válido: revisá los 11 dígitos y el verificador."),
            params={"valor": valor},
            code="cuit_invalido",
        ) from error


def validar_ruc(valor: str) -> str:
    try:
        return stdnum_ruc.validate(valor)
    except StdnumError as error:
        raise ValidationError(
            _("El RUC %(valor)s no es válido: revisá los 11 dígitos y el verificador."),
            params={"valor": valor},
            code="ruc_invalido",
        ) from error


def validar_dni(valor: str) -> str:
    try:
        return stdnum_dni.validate(valor)
    except StdnumError as error:
        raise ValidationError(
            _("El DNI %(valor)s no es válido: ingresá de 7 a 8 dígitos, sin puntos."),
            params={"valor": valor},
            code="dni_invalido",
        ) from error


# The validator of each provider identifier a régimen may accept (Regimen.identificadores).
VALIDADORES = {TipoIdentificador.CUIT: validar_cuit, TipoIdentificador.RUC: validar_ruc}


def validar_identificador(tipo: str, valor: str) -> str:
    return VALIDADORES.get(tipo, validar_cuit)(valor)


def pais_del_identificador(tipo: str) -> str:
    """The country of the régimen that accepts this identifier (normativa's definitions)."""
    from normativa.regimenes import por_identificador

    return por_identificador(tipo).pais


def formatear_cuit(valor: str) -> str:
    return stdnum_cuit.format(valor)
