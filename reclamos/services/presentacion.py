"""Filing a claim: the draft the wizard saves step by step, office filing, and the filing act
(D202-I.2, I.5, I.6, I.7; S000)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import Organizacion, Usuario
from cuentas.roles import Rol
from cuentas.templatetags.formato import moneda
from normativa.models import ValorReferencia
from normativa.regimenes import obtener
from normativa.regimenes.vigencia import admite_presentaciones, motivo_cierre
from normativa.valores import tope_unidades
from notificaciones.cambios_de_domicilio import constituir_al_presentar
from reclamos import avisos, expediente
from reclamos.estados import Estado
from reclamos.models import Reclamo, ReclamoProveedor
from reclamos.numeracion import siguiente_numero
from reclamos.transiciones import hoy_en, transicionar

CAMPOS_BORRADOR = {
    "consumidor_nombre",
    "consumidor_apellido",
    "consumidor_dni",
    "consumidor_domicilio",
    "consumidor_email",
    "consumidor_telefono",
    "hechos",
    "objeto",
    "monto",
    "monto_indeterminado",
    "lugar",
    "metodo_designacion",
}


def iniciar_borrador(
    *,
    consumidor: Usuario,
    por: Usuario,
    regimen: str = "",
    organizacion: Organizacion | None = None,
    datos: dict | None = None,
    paso: str = "",
    proveedores: Sequence[dict] = (),
) -> Reclamo:
    """A new draft. `por` is the consumer, admission staff filing at an office, or (with
    `organizacion`) a representative of an agency office or consumer association.

    `datos` and `proveedores`, when the caller has the whole claim at once (API filing), are
    checked as guardar_borrador() and guardar_proveedores() check them and written with the
    draft: one INSERT for the claim, one for its providers (decision 0044)."""
    puede = por.rol in {Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR} or (
        organizacion is not None
        and por.rol == Rol.REPRESENTANTE
        and organizacion.tipo in {Organizacion.Tipo.OFICINA, Organizacion.Tipo.ASOCIACION}
        and organizacion.membresias.filter(usuario=por, activa=True).exists()
    )
    if not puede:
        raise AccesoDenegado("Solo el consumidor o el personal de admisión inician reclamos.")
    # The deployment's régimen unless the caller names one (API filing, mediation).
    regimen = regimen or settings.REGIMEN_POR_DEFECTO
    definicion = obtener(regimen)
    if not admite_presentaciones(regimen, timezone.localdate()):
        raise ConflictoDeEstado(motivo_cierre(regimen), codigo="regimen_closed")
    reclamo = Reclamo(
        regimen_codigo=definicion.codigo,
        regimen_version=definicion.version,
        consumidor=consumidor,
        cargado_por=por if por != consumidor else None,
        oficina=organizacion or (por.oficina if por != consumidor else None),
        consumidor_nombre=consumidor.nombre,
        consumidor_apellido=consumidor.apellido,
        consumidor_dni=consumidor.dni,
        consumidor_email=consumidor.email,
        consumidor_telefono=consumidor.telefono,
    )
    if datos:
        _asignar_datos(reclamo, por=por, paso=paso, datos=datos)
    # Every check is above: a failure in here is the database's and aborts the caller's act
    # anyway, so no savepoint when nested (two statements less).
    with transaction.atomic(savepoint=False):
        reclamo.save(force_insert=True)
        expediente.borrador_creado(reclamo, por=por)
        filas = _crear_proveedores(reclamo, proveedores)
    if filas:
        # Django's own prefetch cache: the new draft's reclamo.proveedores.all() answers the
        # rows just written instead of reading them again (the API's answer lists them).
        reclamo._prefetched_objects_cache = {"proveedores": filas}
    return reclamo


IDENTIDAD = ("consumidor_nombre", "consumidor_apellido", "consumidor_dni")


def identidad_de_la_cuenta(cuenta: Usuario) -> dict[str, str] | None:
    """The name and DNI of the account, or None while it has none (its first claim declares
    them, and filing records them on the account)."""
    valores = {"consumidor_nombre": cuenta.nombre, "consumidor_apellido": cuenta.apellido}
    valores["consumidor_dni"] = cuenta.dni
    return valores if all(valores.values()) else None


def _exigir_identidad(reclamo: Reclamo, por: Usuario, datos: dict) -> None:
    """A consumer files in their own name: the claimant's name and DNI are the account's. Only
    office staff filing for someone else (recorded as `cargado_por`) type another person's."""
    if por.pk != reclamo.consumidor_id:
        return
    cuenta = identidad_de_la_cuenta(reclamo.consumidor)
    if cuenta is None:
        return
    distintos = {
        campo: [_("Es el de tu cuenta: %(valor)s.") % {"valor": cuenta[campo]}]
        for campo in IDENTIDAD
        if campo in datos and str(datos[campo] or "").strip().casefold() != cuenta[campo].casefold()
    }
    if distintos:
        raise DatosInvalidos(
            _(
                "El nombre y el DNI del reclamo son los de tu cuenta. Si reclamás por otra "
                "persona, hacelo con su propia cuenta o en una oficina."
            ),
            campos=distintos,
        )


def _fijar_identidad(reclamo: Reclamo, por: Usuario) -> None:
    """At filing by the consumer: an account without an identity takes the one declared."""
    cuenta = reclamo.consumidor
    if por.pk != reclamo.consumidor_id or identidad_de_la_cuenta(cuenta) is not None:
        return
    cuenta.nombre = reclamo.consumidor_nombre
    cuenta.apellido = reclamo.consumidor_apellido
    cuenta.dni = reclamo.consumidor_dni
    cuenta.save(update_fields=["nombre", "apellido", "dni"])


def _exigir_borrador(reclamo: Reclamo, por: Usuario) -> None:
    if reclamo.estado != Estado.BORRADOR:
        raise ConflictoDeEstado("El reclamo ya fue presentado: no se puede modificar.")
    if por.pk not in {reclamo.consumidor_id, reclamo.cargado_por_id}:
        raise AccesoDenegado("Solo quien inició el borrador puede modificarlo.")


@transaction.atomic
def guardar_borrador(reclamo: Reclamo, *, por: Usuario, paso: str, datos: dict) -> Reclamo:
    """Saves one wizard step; the draft can be resumed later from any device."""
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    _exigir_borrador(reclamo, por)
    _asignar_datos(reclamo, por=por, paso=paso, datos=datos)
    reclamo.save()
    return reclamo


def _asignar_datos(reclamo: Reclamo, *, por: Usuario, paso: str, datos: dict) -> None:
    """One wizard step's fields set on the draft, once checked (not saved)."""
    desconocidos = set(datos) - CAMPOS_BORRADOR
    if desconocidos:
        raise DatosInvalidos(f"Campos desconocidos: {', '.join(sorted(desconocidos))}")
    _exigir_identidad(reclamo, por, datos)
    for campo, valor in datos.items():
        setattr(reclamo, campo, valor)
    reclamo.paso_borrador = paso


@transaction.atomic
def guardar_proveedores(reclamo: Reclamo, *, por: Usuario, proveedores: list[dict]) -> Reclamo:
    """Replaces the draft's providers: each {identificador, razon_social, domicilio_legal}.
    A registered active provider with that CUIT is linked so it sees the claim once filed."""
    _exigir_borrador(reclamo, por)
    reclamo.proveedores.all().delete()
    _crear_proveedores(reclamo, proveedores)
    return reclamo


def _crear_proveedores(reclamo: Reclamo, proveedores: list[dict]) -> list[ReclamoProveedor]:
    """The draft's providers in one INSERT, each linked to the registered provider with its
    identifier (the first registered, as before), read in one query."""
    if not proveedores:
        return []
    registrados = {}
    for organizacion in Organizacion.objects.filter(
        tipo=Organizacion.Tipo.PROVEEDOR,
        identificador__in={datos["identificador"] for datos in proveedores},
    ).order_by("pk"):
        registrados.setdefault(organizacion.identificador, organizacion)
    return ReclamoProveedor.objects.bulk_create(
        [
            ReclamoProveedor(
                reclamo=reclamo,
                organizacion=registrados.get(datos["identificador"]),
                tipo_identificador=datos.get("tipo_identificador", "CUIT"),
                identificador=datos["identificador"],
                razon_social=datos["razon_social"],
                domicilio_legal=datos["domicilio_legal"],
                # bulk_create skips save(): the copy of the filing date it would take.
                presentado_en=reclamo.presentado_en,
            )
            for datos in proveedores
        ]
    )


def faltantes(reclamo: Reclamo) -> dict[str, list[str]]:
    """What the claim still needs before filing (the review page lists it)."""
    errores: dict[str, list[str]] = {}
    obligatorios = {
        "consumidor_nombre": "Tu nombre",
        "consumidor_apellido": "Tu apellido",
        "consumidor_dni": "Tu DNI",
        "consumidor_domicilio": "Tu domicilio",
        "consumidor_email": "El correo para notificaciones",
        "hechos": "Qué pasó",
        "objeto": "Qué reclamás",
        "lugar": "El lugar elegido",
        "metodo_designacion": "La forma de designar al conciliador",
    }
    for campo, nombre in obligatorios.items():
        if not getattr(reclamo, campo):
            errores[campo] = [f"Falta: {nombre.lower()}."]
    if reclamo.monto is None and not reclamo.monto_indeterminado:
        errores["monto"] = ["Indicá el monto o declará que no supera el tope legal (art. 2)."]
    if not reclamo.proveedores.exists():
        errores["proveedores"] = ["Indicá al menos un proveedor."]
    return errores


def tope_en(regimen_codigo: str, fecha: date) -> tuple[Decimal | None, Decimal | None]:
    """(value of the cap's unit on that date, cap) — None when staff have not loaded it."""
    regimen = obtener(regimen_codigo)
    unidades = tope_unidades(regimen, fecha)  # a dated value staff maintain (decision 0031)
    if unidades is None:
        return None, None
    valor = ValorReferencia.valor_en(regimen.unidad_tope, fecha)
    if valor is None:
        return None, None
    return valor, valor * unidades


def presentar_reclamo(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    """Files the claim: number, cap snapshot, expediente, receipt PDF and e-mail (T2, T3)."""
    with transaction.atomic():
        reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
        _exigir_borrador(reclamo, por)
        hoy = hoy_en(reclamo)
        if not admite_presentaciones(reclamo.regimen_codigo, hoy):
            raise ConflictoDeEstado(motivo_cierre(reclamo.regimen_codigo), codigo="regimen_closed")
        errores = faltantes(reclamo)
        if errores:
            raise DatosInvalidos("El reclamo está incompleto.", campos=errores)
        _exigir_identidad(reclamo, por, {c: getattr(reclamo, c) for c in IDENTIDAD})
        _fijar_identidad(reclamo, por)
        valor, tope = tope_en(reclamo.regimen_codigo, hoy)
        if tope is not None and reclamo.monto is not None and reclamo.monto > tope:
            raise DatosInvalidos(
                f"El monto supera el tope legal de {reclamo.regimen.tope_unidades} "
                f"{reclamo.regimen.unidad_tope} ({moneda(tope, reclamo.regimen.moneda)}) "
                "vigente hoy (art. 2).",
                campos={"monto": ["Supera el tope legal."]},
            )
        reclamo.numero = siguiente_numero(prefijo=reclamo.regimen.prefijo_numero, anio=hoy.year)
        reclamo.valor_tope_unidad, reclamo.tope = valor, tope
        reclamo.presentado_en = timezone.now()
        reclamo.save(update_fields=["numero", "valor_tope_unidad", "tope", "presentado_en"])
        # The providers' copy of the date their lists are ordered by (decision 0033).
        reclamo.proveedores.update(presentado_en=reclamo.presentado_en)
        # The consumer constitutes the e-mail given at filing as the address for notices
        # (DOMAIN Decision 3): notices sent there count as served the next day. An address that
        # is not a verified e-mail of the account waits for confirmation from its link.
        constituir_al_presentar(reclamo.consumidor, email=reclamo.consumidor_email, por=por)
        transicionar(
            reclamo,
            "presentar",
            por=por,
            datos={
                "numero": reclamo.numero,
                "monto": str(reclamo.monto or ""),
                "metodo_designacion": reclamo.metodo_designacion,
                "valor_tope_unidad": str(valor or ""),
            },
        )
        avisos.reclamo_presentado(reclamo, por=por)
    return reclamo
