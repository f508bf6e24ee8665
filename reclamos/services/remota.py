"""Filing through the API by an agency office or a consumer association on a consumer's behalf:
the claim is prepared as a draft and filed only when the consumer confirms by e-mail."""

from django.core import signing
from django.db import transaction
from django.urls import reverse

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.identificadores import validar_cuit, validar_dni
from cuentas.models import ClaveApi, Organizacion, Usuario
from reclamos.models import Reclamo
from reclamos.services.oficina import cuenta_para_oficina
from reclamos.services.presentacion import (
    guardar_borrador,
    guardar_proveedores,
    iniciar_borrador,
    presentar_reclamo,
)

SAL = "reclamos.confirmacion"
VIGENCIA = 7 * 24 * 3600


def _validar_ids(datos: dict) -> None:
    from django.core.exceptions import ValidationError

    errores = {}
    try:
        datos["dni"] = validar_dni(datos["dni"])
    except ValidationError as error:
        errores["dni"] = error.messages
    for i, prov in enumerate(datos["proveedores"]):
        try:
            prov["identificador"] = validar_cuit(prov.pop("cuit"))
        except ValidationError as error:
            errores[f"proveedores[{i}].cuit"] = error.messages
    if datos.get("monto") is None and not datos.get("monto_indeterminado"):
        errores["monto"] = ["Indicá el monto o la declaración jurada (monto_indeterminado)."]
    if errores:
        raise DatosInvalidos("Los datos enviados no son válidos.", campos=errores)


@transaction.atomic
def cargar_por_organizacion(*, clave, por: Usuario, datos: dict, archivos=()) -> Reclamo:
    from documentos.services import guardar_subida
    from notificaciones.services import encolar_notificacion

    if not isinstance(clave, ClaveApi) or clave.organizacion.tipo not in {
        Organizacion.Tipo.OFICINA,
        Organizacion.Tipo.ASOCIACION,
    }:
        raise AccesoDenegado(
            "Solo oficinas y asociaciones de consumidores cargan reclamos por la API, con su clave."
        )
    _validar_ids(datos)
    consumidor, _ = cuenta_para_oficina(
        email=datos["email"],
        por=por,
        nombre=datos["nombre"],
        apellido=datos["apellido"],
        dni=datos["dni"],
        telefono=datos.get("telefono", ""),
        permitir_representante=True,
    )
    reclamo = iniciar_borrador(consumidor=consumidor, por=por, organizacion=clave.organizacion)
    guardar_borrador(
        reclamo,
        por=por,
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
    )
    guardar_proveedores(reclamo, por=por, proveedores=datos["proveedores"])
    for archivo in archivos:
        guardar_subida(archivo, por=por, sujeto=reclamo)
    token = signing.dumps({"reclamo": reclamo.pk}, salt=SAL)
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
