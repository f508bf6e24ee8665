"""Acts on the dated legal values (decision 0031): load, correct and confirm.

Only administrators maintain them (the same people who load decreed days and fee schedules); the
MFA middleware already stands in front of every staff page. An act that used a value keeps its own
copy of the figure, so correcting a row never rewrites a past fine or claim; the row keeps what it
said before each correction in `cambios`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from normativa import valores
from normativa.models import Confianza, ValorReferencia
from normativa.roles import Rol

CAMPOS_EDITABLES = ("vigente_desde", "valor", "fuente", "confianza", "nota")


def puede_mantener_valores(usuario) -> bool:
    # cuentas.permisos.es_administrador, without importing upwards (normativa is the lowest app).
    return bool(getattr(usuario, "is_authenticated", False)) and usuario.rol == Rol.ADMINISTRADOR


def _exigir(usuario) -> None:
    if not puede_mantener_valores(usuario):
        raise AccesoDenegado(_("Solo la administración mantiene los valores legales."))


def _validar(*, tipo: str, valor: Decimal | None, fuente: str, confianza: str) -> dict:
    errores: dict[str, list[str]] = {}
    if valores.clase(tipo) is None:
        errores["tipo"] = [_("Elegí un tipo de valor de la lista.")]
    if valor is None or valor <= 0:
        errores["valor"] = [_("El valor debe ser mayor que cero.")]
    if not (fuente or "").strip():
        errores["fuente"] = [_("Indicá la norma que fija el valor.")]
    if confianza not in Confianza.values:
        errores["confianza"] = [_("Elegí la confianza: alta, media o baja.")]
    if errores:
        raise DatosInvalidos(_("Revisá el valor."), campos=errores)
    return errores


def _repetida() -> DatosInvalidos:
    return DatosInvalidos(
        _("Ya hay un valor de ese tipo desde esa fecha: corregí ese en lugar de cargar otro."),
        campos={"vigente_desde": [_("Ya hay un valor desde esa fecha.")]},
    )


def crear_valor(
    *,
    tipo: str,
    vigente_desde: datetime.date,
    valor: Decimal,
    fuente: str,
    por,
    confianza: str = Confianza.H,
    nota: str = "",
) -> ValorReferencia:
    _exigir(por)
    _validar(tipo=tipo, valor=valor, fuente=fuente, confianza=confianza)
    try:
        with transaction.atomic():
            return ValorReferencia.objects.create(
                tipo=tipo,
                vigente_desde=vigente_desde,
                valor=valor,
                fuente=fuente.strip()[:200],
                confianza=confianza,
                nota=(nota or "").strip()[:300],
                cargado_por=por,
            )
    except IntegrityError:
        raise _repetida() from None


def editar_valor(fila: ValorReferencia, *, por, **datos) -> ValorReferencia:
    """Corrects a row (a typo, a better source). A changed figure or date of an L value needs a
    new confirmation."""
    _exigir(por)
    nuevos = {campo: datos.get(campo, getattr(fila, campo)) for campo in CAMPOS_EDITABLES}
    nuevos["fuente"] = (nuevos["fuente"] or "").strip()[:200]
    nuevos["nota"] = (nuevos["nota"] or "").strip()[:300]
    _validar(
        tipo=fila.tipo,
        valor=nuevos["valor"],
        fuente=nuevos["fuente"],
        confianza=nuevos["confianza"],
    )
    with transaction.atomic():
        actual = ValorReferencia.objects.select_for_update().get(pk=fila.pk)
        antes = {campo: getattr(actual, campo) for campo in CAMPOS_EDITABLES}
        if all(antes[c] == nuevos[c] for c in CAMPOS_EDITABLES):
            return actual
        cambia_cifra = antes["valor"] != nuevos["valor"] or (
            antes["vigente_desde"] != nuevos["vigente_desde"]
        )
        for campo, nuevo in nuevos.items():
            setattr(actual, campo, nuevo)
        ahora = timezone.now()
        actual.cambios = [
            *actual.cambios,
            {
                "en": ahora.isoformat(),
                "por": por.email,
                "antes": {c: str(v) for c, v in antes.items()},
            },
        ]
        actual.modificado_por, actual.modificado_en = por, ahora
        if actual.confianza == Confianza.L and cambia_cifra:
            actual.confirmado_por = actual.confirmado_en = None
            actual.fuente_confirmacion = ""
        try:
            with transaction.atomic():
                actual.save()
        except IntegrityError:
            raise _repetida() from None
    return actual


def confirmar_valor(fila: ValorReferencia, *, por, fuente: str) -> ValorReferencia:
    """Someone checked an L value against a norm: the "verificar" badge goes away, and who, when
    and which norm stay on the row."""
    _exigir(por)
    if not (fuente or "").strip():
        raise DatosInvalidos(
            _("Indicá la norma con la que verificaste el valor."),
            campos={"fuente_confirmacion": [_("Obligatoria.")]},
        )
    with transaction.atomic():
        actual = ValorReferencia.objects.select_for_update().get(pk=fila.pk)
        if not actual.a_verificar:
            raise ConflictoDeEstado(_("Ese valor no está pendiente de verificación."))
        actual.confirmado_por = por
        actual.confirmado_en = timezone.now()
        actual.fuente_confirmacion = fuente.strip()[:200]
        actual.save(update_fields=["confirmado_por", "confirmado_en", "fuente_confirmacion"])
    return actual
