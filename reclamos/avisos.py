"""Notices and documents that claim acts produce. Called by services inside their transaction;
notificaciones and documentos queue the actual work on commit."""

from django.urls import reverse

from reclamos.models import Reclamo


def _destinatario_consumidor(reclamo: Reclamo):
    return {"destinatario": reclamo.consumidor, "email": reclamo.consumidor_email or None}


def _contexto(reclamo: Reclamo, **extra) -> dict:
    return {
        "numero": reclamo.numero,
        "estado": reclamo.get_estado_display(),
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
        **extra,
    }


def _avisar_consumidor(reclamo: Reclamo, plantilla: str, asunto: str, adjuntos=(), **extra):
    from notificaciones.services import encolar_notificacion

    return encolar_notificacion(
        **_destinatario_consumidor(reclamo),
        plantilla=plantilla,
        asunto=asunto,
        contexto=_contexto(reclamo, **extra),
        sujeto=reclamo,
        adjuntos=adjuntos,
    )


def snapshot_presentacion(reclamo: Reclamo) -> dict:
    return {
        "numero": reclamo.numero,
        "presentado_en": reclamo.presentado_en.isoformat(),
        "regimen": reclamo.regimen.nombre,
        "regimen_version": reclamo.regimen_version,
        "consumidor": {
            "nombre": reclamo.consumidor_nombre,
            "apellido": reclamo.consumidor_apellido,
            "dni": reclamo.consumidor_dni,
            "domicilio": reclamo.consumidor_domicilio,
            "email": reclamo.consumidor_email,
            "telefono": reclamo.consumidor_telefono,
        },
        "proveedores": [
            {
                "cuit": p.identificador,
                "razon_social": p.razon_social,
                "domicilio": p.domicilio_legal,
            }
            for p in reclamo.proveedores.all()
        ],
        "hechos": reclamo.hechos,
        "objeto": reclamo.objeto,
        "monto": str(reclamo.monto) if reclamo.monto is not None else None,
        "monto_indeterminado": reclamo.monto_indeterminado,
        "lugar": reclamo.lugar,
        "metodo_designacion": reclamo.get_metodo_designacion_display(),
        "valor_tope_unidad": str(reclamo.valor_tope_unidad or ""),
        "tope": str(reclamo.tope or ""),
        "unidad_tope": reclamo.regimen.unidad_tope,
    }


def reclamo_presentado(reclamo: Reclamo, *, por) -> None:
    from documentos.services import emitir_documento

    constancia = emitir_documento(
        tipo="constancia_presentacion",
        plantilla="reclamos/constancia_presentacion",
        snapshot=snapshot_presentacion(reclamo),
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=f"Constancia de presentación {reclamo.numero}",
    )
    _avisar_consumidor(
        reclamo,
        "reclamos/presentado",
        f"Reclamo {reclamo.numero} presentado",
        adjuntos=[constancia],
    )


def plazo_en_palabras(regimen, papel) -> dict:
    """The term playing `papel` in the claim's régimen, for a notice: its length, unit and the
    norm it comes from in plain words (only norms a reader can look up: fuentes_legibles), so a
    notice never cites another régimen's law (decision 0038). Empty when the régimen has none."""
    from normativa.regimenes import Unidad
    from reclamos.etapas import fuentes_legibles

    if not regimen.tiene(papel):
        return {}
    tipo = regimen.plazo_de(papel)
    unidad = {Unidad.HABILES: "días hábiles", Unidad.CORRIDOS: "días corridos"}.get(
        tipo.unidad, "horas"
    )
    return {
        "plazo_duracion": tipo.duracion,
        "plazo_unidad": unidad,
        "plazo_norma": "; ".join(f["texto"] for f in fuentes_legibles(tipo.fuente)),
    }


def requerimiento(reclamo: Reclamo, *, texto: str) -> None:
    from normativa.regimenes import Papel

    _avisar_consumidor(
        reclamo,
        "reclamos/requerimiento",
        f"Reclamo {reclamo.numero}: te pedimos documentación",
        requerimiento=texto,
        **plazo_en_palabras(reclamo.regimen, Papel.ACREDITACION),
    )


def admision(reclamo: Reclamo) -> None:
    _avisar_consumidor(
        reclamo,
        "reclamos/admitido",
        f"Reclamo {reclamo.numero} admitido",
        metodo=reclamo.metodo_designacion,
    )


def inadmision(reclamo: Reclamo, *, motivos: str, recursos: list[dict]) -> None:
    _avisar_consumidor(
        reclamo,
        "reclamos/inadmitido",
        f"Reclamo {reclamo.numero} no admitido",
        motivos=motivos,
        recursos=recursos,
    )


def recurso_decidido(reclamo: Reclamo, *, admitido: bool, fundamentos: str) -> None:
    _avisar_consumidor(
        reclamo,
        "reclamos/recurso_decidido",
        f"Reclamo {reclamo.numero}: se resolvió tu recurso",
        admitido=admitido,
        fundamentos=fundamentos,
    )


def derivacion(reclamo: Reclamo, *, cuenta_nueva: bool) -> None:
    """Office filing: tells the consumer the username and how to set a password (S000)."""
    _avisar_consumidor(
        reclamo,
        "reclamos/derivacion",
        f"Tu reclamo {reclamo.numero} fue cargado en la oficina",
        usuario=reclamo.consumidor.email,
        cuenta_nueva=cuenta_nueva,
        url_contrasena=reverse("account_reset_password"),
    )


def desistimiento(reclamo: Reclamo) -> None:
    _avisar_consumidor(reclamo, "reclamos/desistido", f"Reclamo {reclamo.numero}: desistimiento")
