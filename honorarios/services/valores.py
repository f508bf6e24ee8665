"""The dated values fees and fines need, loaded by staff (DOMAIN Q10, Q11; §5.8): the unidad de
referencia's peso value, the fee schedule, the SMVM and the fines' payment instructions.

A value applies from its date until the next one; rows are added, not edited, so a past fee or
fine stays explainable (STYLE.md, cfpb).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.roles import Rol
from honorarios.services.multas import CLAVE_PAGO
from normativa.models import ArancelHonorarios, TextoNormativo, ValorReferencia, normalizar_bandas

TIPOS = (ValorReferencia.Tipo.UR, ValorReferencia.Tipo.SMVM)


def puede_cargar_valores(usuario) -> bool:
    return getattr(usuario, "rol", "") == Rol.ADMINISTRADOR


def _exigir(usuario) -> None:
    if not puede_cargar_valores(usuario):
        raise AccesoDenegado(_("Solo la administración carga estos valores."))


def _fuente(fuente: str) -> str:
    if not fuente.strip():
        raise DatosInvalidos(
            _("Indicá la norma que fija el valor."), campos={"fuente": [_("Obligatoria.")]}
        )
    return fuente.strip()[:200]


@transaction.atomic
def cargar_valor(
    *, tipo: str, vigente_desde: datetime.date, valor: Decimal, fuente: str, por
) -> ValorReferencia:
    _exigir(por)
    if tipo not in TIPOS:
        raise DatosInvalidos(_("Tipo de valor inválido."), campos={"tipo": [_("Inválido.")]})
    if valor is None or valor <= 0:
        raise DatosInvalidos(_("El valor debe ser positivo."), campos={"valor": [_("Inválido.")]})
    try:
        with transaction.atomic():
            return ValorReferencia.objects.create(
                tipo=tipo,
                vigente_desde=vigente_desde,
                valor=valor,
                fuente=_fuente(fuente),
                cargado_por=por,
            )
    except IntegrityError:
        raise DatosInvalidos(
            _("Ya hay un valor de ese tipo desde esa fecha."),
            campos={"vigente_desde": [_("Repetida.")]},
        ) from None


@transaction.atomic
def cargar_arancel(
    *,
    vigente_desde: datetime.date,
    unidades_basico: Decimal,
    bandas: list[dict],
    fuente: str,
    por,
) -> ArancelHonorarios:
    _exigir(por)
    if unidades_basico is None or unidades_basico <= 0:
        raise DatosInvalidos(
            _("El honorario básico debe ser positivo."),
            campos={"unidades_basico": [_("Inválido.")]},
        )
    try:
        bandas = normalizar_bandas(bandas)
    except ValueError as error:
        raise DatosInvalidos(str(error), campos={"bandas": [str(error)]}) from None
    if ArancelHonorarios.objects.filter(vigente_desde=vigente_desde).exists():
        raise DatosInvalidos(
            _("Ya hay un arancel vigente desde esa fecha."),
            campos={"vigente_desde": [_("Repetida.")]},
        )
    return ArancelHonorarios.objects.create(
        vigente_desde=vigente_desde,
        unidades_basico=unidades_basico,
        bandas_total=bandas,
        fuente=_fuente(fuente),
        cargado_por=por,
    )


@transaction.atomic
def cargar_instrucciones_de_pago(
    *, vigente_desde: datetime.date, texto: str, fuente: str, por
) -> TextoNormativo:
    _exigir(por)
    if not texto.strip():
        raise DatosInvalidos(_("Escribí las instrucciones."), campos={"texto": [_("Obligatorio.")]})
    if TextoNormativo.objects.filter(clave=CLAVE_PAGO, vigente_desde=vigente_desde).exists():
        raise DatosInvalidos(
            _("Ya hay instrucciones desde esa fecha."), campos={"vigente_desde": [_("Repetida.")]}
        )
    return TextoNormativo.objects.create(
        clave=CLAVE_PAGO,
        vigente_desde=vigente_desde,
        titulo=_("Instrucciones de pago de las multas por incomparecencia"),
        texto=texto.strip(),
        fuente=_fuente(fuente),
        cargado_por=por,
    )


def faltantes_a(fecha: datetime.date) -> list[str]:
    """What is not loaded for `fecha` (the pages say so)."""
    faltan = []
    if ValorReferencia.vigente("UR", fecha) is None:
        faltan.append(_("el valor de la unidad de referencia (UR)"))
    if ArancelHonorarios.vigente(fecha) is None:
        faltan.append(_("el arancel de honorarios"))
    if ValorReferencia.vigente("SMVM", fecha) is None:
        faltan.append(_("el Salario Mínimo, Vital y Móvil"))
    if TextoNormativo.vigente(CLAVE_PAGO, fecha) is None:
        faltan.append(_("las instrucciones de pago de las multas"))
    return faltan
