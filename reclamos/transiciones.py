"""The one path for state changes: transicionar() checks the régimen's table, updates with a
compare-and-swap, writes the expediente, opens/meets the plazos the row names and runs the hooks
downstream apps registered for that act — all in the caller's transaction."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.alcance import actua_en
from cuentas.roles import ROLES_PERSONAL
from reclamos import expediente
from reclamos.estados import SISTEMA, Transicion, tabla
from reclamos.models import Reclamo

Hook = Callable[..., None]
_HOOKS: dict[str, list[Hook]] = defaultdict(list)


def registrar_hook(accion: str, funcion: Hook) -> Hook:
    """A downstream app reacts to an act: funcion(reclamo, *, transicion, por, datos) runs inside
    the act's transaction (e.g. conciliadores commits to a draw seed on "admitir")."""
    if funcion not in _HOOKS[accion]:
        _HOOKS[accion].append(funcion)
    return funcion


def ejecutar_hooks(accion: str, reclamo: Reclamo, *, por, datos: dict | None = None) -> None:
    """Runs the hooks registered for an act that is not a state change (a pause opened or
    decided, Decision 9), as transicionar does for a transition: inside the caller's
    transaction, with `transicion=None`."""
    for hook in _HOOKS.get(accion, []):
        hook(reclamo, transicion=None, por=por, datos=dict(datos or {}))


def hoy_en(reclamo: Reclamo) -> date:
    from zoneinfo import ZoneInfo

    return timezone.now().astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()


def _verificar(reclamo: Reclamo, accion: str, por, datos: dict) -> Transicion:
    fila = tabla(reclamo.regimen_codigo).get(accion)
    if fila is None:
        raise ConflictoDeEstado(
            f"La acción «{accion}» no existe en este régimen.", codigo="unknown_action"
        )
    rol = SISTEMA if por is None else por.rol
    if rol not in fila.roles:
        raise AccesoDenegado("Tu rol no puede realizar este acto.")
    if rol in ROLES_PERSONAL and not actua_en(por, reclamo.regimen_codigo):
        # Staff act only on the régimenes in their scope (decision 0038).
        raise AccesoDenegado("Este expediente no es de un régimen a tu cargo.")
    if reclamo.estado not in fila.desde:
        raise ConflictoDeEstado(
            f"No se puede «{fila.texto.lower()}» con el reclamo en estado "
            f"«{reclamo.get_estado_display()}».",
            codigo="invalid_state",
        )
    faltan = [c for c in fila.datos_obligatorios if not str(datos.get(c, "")).strip()]
    if faltan:
        raise DatosInvalidos(
            "Faltan datos obligatorios.", campos={c: ["Este dato es obligatorio."] for c in faltan}
        )
    return fila


def _mover_plazos(reclamo: Reclamo, fila: Transicion, por, datos: dict) -> None:
    from plazos import services as plazos

    if fila.cancela_todos:
        plazos.cancelar_plazos(sujeto=reclamo, por=por)
    if fila.cierra:
        plazos.cumplir_plazos(sujeto=reclamo, tipos=fila.cierra, por=por)
    desde = datos.get("plazos_desde") or hoy_en(reclamo)
    # transicionar's atomic block (its savepoint) undoes the whole act on any error. The terms
    # the transition opens are stored in one INSERT, unless one is counted from another's due
    # date opened here too (it must read that one saved).
    if not _encadenados(reclamo, fila.abre):
        plazos.abrir_plazos_en_el_acto(
            sujeto=reclamo,
            aperturas=[(tipo, _inicio_del_plazo(reclamo, tipo, desde)) for tipo in fila.abre],
            regimen=reclamo.regimen_codigo,
            por=por,
        )
        return
    for tipo in fila.abre:
        plazos.abrir_plazo_en_el_acto(
            sujeto=reclamo,
            tipo=tipo,
            desde=_inicio_del_plazo(reclamo, tipo, desde),
            regimen=reclamo.regimen_codigo,
            por=por,
        )


def _encadenados(reclamo: Reclamo, tipos) -> bool:
    """Whether one of these kinds of term is counted from another one's due date."""
    from normativa.regimenes import obtener

    regimen = obtener(reclamo.regimen_codigo)
    return any(regimen.plazo(tipo).desde_vencimiento_de in tipos for tipo in tipos)


def _inicio_del_plazo(reclamo: Reclamo, tipo: str, desde: date) -> date:
    """The act's date, unless the régimen counts this term from another term's due date (then
    that date, so the term is opened once with its right start)."""
    from normativa.regimenes import obtener
    from plazos.models import Plazo

    previo = obtener(reclamo.regimen_codigo).plazo(tipo).desde_vencimiento_de
    if not previo:
        return desde
    vence = (
        Plazo.objects.filter(
            content_type__app_label="reclamos",
            content_type__model="reclamo",
            object_id=reclamo.pk,
            tipo=previo,
        )
        .order_by("-pk")
        .values_list("vence", flat=True)
        .first()
    )
    return vence or desde


def transicionar(
    reclamo: Reclamo,
    accion: str,
    *,
    por,
    datos: dict | None = None,
    punto_de_guardado: bool = True,
) -> Reclamo:
    """Applies `accion` to the claim. `por` None means the portal itself (role "sistema").
    `punto_de_guardado` False: the caller holds the claim's lock and abandons its whole
    transaction on any error, so the transition takes no savepoint of its own.

    Precondition: the caller authorised `por` for this claim (acceder_reclamo). Raises
    ConflictoDeEstado (409) when another actor changed the claim first.
    """
    datos = dict(datos or {})
    fila = _verificar(reclamo, accion, por, datos)
    anterior = reclamo.estado
    with transaction.atomic(savepoint=punto_de_guardado):
        cambiados = Reclamo.objects.filter(pk=reclamo.pk, estado=anterior).update(
            estado=fila.hacia, actualizado_en=timezone.now()
        )
        if cambiados != 1:
            raise ConflictoDeEstado("Otra persona modificó el reclamo recién. Recargá la página.")
        reclamo.estado = fila.hacia
        datos_publicos = {k: v for k, v in datos.items() if k != "plazos_desde"}
        expediente.transicion(
            reclamo,
            codigo=fila.actuacion,
            por=por,
            texto=datos.get("texto") or fila.texto,
            datos=datos_publicos,
            fuente=fila.fuente,
            desde=anterior,
            hacia=fila.hacia,
        )
        _mover_plazos(reclamo, fila, por, datos)
        for hook in _HOOKS.get(accion, []):
            hook(reclamo, transicion=fila, por=por, datos=datos)
    return reclamo
