"""One small function per kind of expediente entry. Called only by services, inside their
transaction; the claim's timeline (page and API) renders from these rows."""

from reclamos.models import Actuacion, Reclamo


def _registrar(
    reclamo: Reclamo,
    codigo: str,
    *,
    por,
    texto: str,
    datos: dict | None = None,
    fuente: str = "",
    desde: str = "",
    hacia: str = "",
    visible_para_partes: bool = True,
) -> Actuacion:
    actuacion = Actuacion.objects.create(
        reclamo=reclamo,
        codigo=codigo,
        por=por,
        rol=getattr(por, "rol", "") or "sistema",
        texto=texto[:300],
        datos=datos or {},
        fuente=fuente,
        estado_desde=desde,
        estado_hacia=hacia,
        visible_para_partes=visible_para_partes,
    )
    # Webhooks read events off the expediente (decision 0023), in the act's transaction.
    from reclamos.eventos_webhook import al_registrar_actuacion

    al_registrar_actuacion(actuacion)
    return actuacion


def transicion(reclamo, *, codigo, por, texto, datos, fuente, desde, hacia) -> Actuacion:
    """The entry of a state change (written by reclamos.transiciones.transicionar)."""
    return _registrar(
        reclamo, codigo, por=por, texto=texto, datos=datos, fuente=fuente, desde=desde, hacia=hacia
    )


def borrador_creado(reclamo, *, por) -> Actuacion:
    return _registrar(
        reclamo, "reclamo.borrador", por=por, texto="Borrador iniciado", visible_para_partes=False
    )


def documento_agregado(reclamo, *, por, nombre: str, archivo_id: int) -> Actuacion:
    return _registrar(
        reclamo,
        "documento.agregado",
        por=por,
        texto=f"Documento agregado: {nombre}",
        datos={"archivo": archivo_id},
    )


def plazo_recalculado(
    reclamo, *, tipo: str, vence_anterior: str, vence_nuevo: str, motivo: str
) -> Actuacion:
    return _registrar(
        reclamo,
        "plazo.recalculado",
        por=None,
        texto=f"Plazo {tipo} recalculado: vence {vence_nuevo} (antes {vence_anterior}). {motivo}",
        datos={"tipo": tipo, "antes": vence_anterior, "despues": vence_nuevo, "motivo": motivo},
    )


def plazo_vencido(reclamo, *, tipo: str, consecuencia: str) -> Actuacion:
    return _registrar(
        reclamo,
        "plazo.vencido",
        por=None,
        texto=f"Venció el plazo {tipo}. {consecuencia}",
        datos={"tipo": tipo},
    )


def pausa_abierta(reclamo, *, por, tipo: str, motivo: str) -> Actuacion:
    return _registrar(
        reclamo,
        "pausa.abierta",
        por=por,
        texto=f"Procedimiento suspendido: {motivo}",
        datos={"tipo": tipo},
    )


def pausa_cerrada(reclamo, *, por, tipo: str, resolucion: str) -> Actuacion:
    return _registrar(
        reclamo,
        "pausa.cerrada",
        por=por,
        texto=f"Se reanuda el procedimiento: {resolucion}",
        datos={"tipo": tipo},
    )


def acumulacion(
    reclamo,
    *,
    por,
    acumulacion_id: int,
    otros: list[str],
    unido: bool,
    fundamento: str = "",
    principal: str = "",
) -> Actuacion:
    verbo = "Acumulado con" if unido else "Separado de"
    texto = f"{verbo} {', '.join(otros)}"
    if unido and principal:
        texto += (
            ": reclamo principal (designación y audiencias del conjunto)"
            if principal == reclamo.numero
            else f": sigue la designación y las audiencias del {principal}"
        )
    elif unido is False:
        texto += (
            f"; la acumulación sigue con {principal} como principal"
            if principal
            else "; desde ahora tramita por su cuenta (designación y audiencias propias)"
        )
    return _registrar(
        reclamo,
        "reclamo.acumulado" if unido else "reclamo.separado",
        por=por,
        texto=texto[:300],
        fuente="D202-I.2",
        datos={
            "acumulacion": acumulacion_id,
            "otros": otros,
            "fundamentos": fundamento,
            "principal": principal,
        },
    )


def proveedor_representante(reclamo, *, por, proveedor: str, representante: str) -> Actuacion:
    return _registrar(
        reclamo,
        "proveedor.representante",
        por=por,
        texto=f"{proveedor} designó como representante a {representante}",
    )


def mensaje_mediacion(reclamo, *, por, mensaje_id: int, texto: str, adjunto_id=None) -> Actuacion:
    """A message of the mediation thread (S001): the thread is part of the expediente."""
    datos = {"mensaje": mensaje_id}
    if adjunto_id:
        datos["adjunto"] = adjunto_id
    return _registrar(
        reclamo,
        "mediacion.mensaje",
        por=por,
        texto=f"Mensaje: {texto}",
        datos=datos,
        fuente="S001",
    )
