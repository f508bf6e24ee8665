"""Filing through the API by an agency office or a consumer association on a consumer's behalf:
the claim is prepared as a draft and filed only when the consumer confirms by e-mail."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.identificadores import validar_dni, validar_identificador
from cuentas.models import ClaveApi, Organizacion, Usuario
from normativa.regimenes import Regimen, obtener
from reclamos.models import Reclamo
from reclamos.services.mediacion.partes import PAIS_DEL_IDENTIFICADOR
from reclamos.services.oficina import cuenta_para_oficina
from reclamos.services.presentacion import iniciar_borrador, presentar_reclamo

SAL = "reclamos.confirmacion"
VIGENCIA = 7 * 24 * 3600
TIPO_DEL_PAIS = {pais: tipo for tipo, pais in PAIS_DEL_IDENTIFICADOR.items()}


def _identificador_del_proveedor(prov: dict, *, regimen: Regimen) -> dict[str, list[str]]:
    """Normalises one provider's {tipo_identificador, identificador} in place from the current
    fields or the deprecated `cuit`; returns the errors keyed by the field sent."""
    cuit = prov.pop("cuit", None)
    valor = prov.get("identificador")
    campo = "identificador" if valor else "cuit"
    if not valor and not cuit:
        return {"identificador": [_("Indicá el identificador del proveedor.")]}
    if valor and cuit and _digitos(valor) != _digitos(cuit):
        return {
            "cuit": [
                _(
                    "No coincide con «identificador». «cuit» es obsoleto: "
                    "enviá solo «identificador»."
                )
            ]
        }
    tipo = prov.get("tipo_identificador") or TIPO_DEL_PAIS[regimen.pais]
    if PAIS_DEL_IDENTIFICADOR.get(tipo) != regimen.pais:
        return {
            "tipo_identificador": [
                _("Un reclamo %(regimen)s identifica al proveedor con %(tipo)s.")
                % {"regimen": regimen.codigo, "tipo": TIPO_DEL_PAIS[regimen.pais]}
            ]
        }
    try:
        prov["identificador"] = validar_identificador(tipo, valor or cuit)
    except ValidationError as error:
        return {campo: error.messages}
    prov["tipo_identificador"] = tipo
    return {}


def _digitos(valor: str) -> str:
    return "".join(c for c in valor if c.isdigit())


def _validar_ids(datos: dict, *, regimen: Regimen) -> None:
    errores = {}
    try:
        datos["dni"] = validar_dni(datos["dni"])
    except ValidationError as error:
        errores["dni"] = error.messages
    for i, prov in enumerate(datos["proveedores"]):
        for campo, mensajes in _identificador_del_proveedor(prov, regimen=regimen).items():
            errores[f"proveedores[{i}].{campo}"] = mensajes
    if datos.get("monto") is None and not datos.get("monto_indeterminado"):
        errores["monto"] = ["Indicá el monto o la declaración jurada (monto_indeterminado)."]
    if errores:
        raise DatosInvalidos("Los datos enviados no son válidos.", campos=errores)


@transaction.atomic
def cargar_por_organizacion(*, clave, por: Usuario, datos: dict, archivos=()) -> Reclamo:
    from documentos.services import guardar_subida
    from notificaciones.domicilios import (
        cuenta_nueva_en_la_operacion,
        una_lectura_de_domicilios_por_operacion,
    )
    from notificaciones.services import encolar_notificacion

    if not isinstance(clave, ClaveApi) or clave.organizacion.tipo not in {
        Organizacion.Tipo.OFICINA,
        Organizacion.Tipo.ASOCIACION,
    }:
        raise AccesoDenegado(
            "Solo oficinas y asociaciones de consumidores cargan reclamos por la API, con su clave."
        )
    # Claims filed through this API (agency offices, consumer associations) run under the
    # deployment's REGIMEN_API (COPREC's in the demo).
    regimen = obtener(settings.REGIMEN_API)
    _validar_ids(datos, regimen=regimen)
    consumidor, cuenta_nueva = cuenta_para_oficina(
        email=datos["email"],
        por=por,
        nombre=datos["nombre"],
        apellido=datos["apellido"],
        dni=datos["dni"],
        telefono=datos.get("telefono", ""),
        permitir_representante=True,
    )
    # The draft is written whole (its fields and providers checked as the wizard's steps check
    # them): one INSERT each for the claim, its expediente entry and its providers.
    reclamo = iniciar_borrador(
        consumidor=consumidor,
        por=por,
        regimen=regimen.codigo,
        organizacion=clave.organizacion,
        paso="revision",
        datos={
            "consumidor_domicilio": datos["domicilio"],
            "consumidor_dni": datos["dni"],
            "hechos": datos["hechos"],
            "objeto": datos["objeto"],
            "monto": datos.get("monto"),
            "monto_indeterminado": datos.get("monto_indeterminado", False),
            "lugar": datos["lugar"],
            "metodo_designacion": datos["metodo_designacion"],
        },
        proveedores=datos["proveedores"],
    )
    for archivo in archivos:
        guardar_subida(archivo, por=por, sujeto=reclamo)
    token = signing.dumps({"reclamo": reclamo.pk}, salt=SAL)
    # The consumer's addresses (where the notice goes, whether it counts as served) in one
    # read, none for an account created by this act: it changes none of them.
    with una_lectura_de_domicilios_por_operacion():
        if cuenta_nueva:
            cuenta_nueva_en_la_operacion(consumidor)
        encolar_notificacion(
            destinatario=consumidor,
            email=consumidor.email,
            plantilla="reclamos/confirmar_carga",
            asunto="Confirmá tu reclamo",
            sujeto=reclamo,
            contexto={
                "organizacion": clave.organizacion.razon_social,
                "url": reverse("reclamos:confirmar", args=[token]),
                "consumidor": f"{consumidor.nombre} {consumidor.apellido}",
            },
        )
    return reclamo


def reclamo_del_token(token: str) -> Reclamo:
    try:
        datos = signing.loads(token, salt=SAL, max_age=VIGENCIA)
    except signing.BadSignature as error:
        raise DatosInvalidos("El enlace de confirmación no es válido o venció.") from error
    return Reclamo.objects.get(pk=datos["reclamo"])


@transaction.atomic
def confirmar_carga(token: str) -> Reclamo:
    """The consumer confirms: the claim is filed in their name."""
    reclamo = reclamo_del_token(token)
    return presentar_reclamo(reclamo, por=reclamo.consumidor)
