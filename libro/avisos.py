"""Notices and documents the sheet's acts produce. Called by services inside their transaction;
notificaciones and documentos queue the actual work on commit."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from libro.enlaces import token_de
from libro.models import Hoja, Propuesta, Respuesta
from normativa.regimenes.peru import PERU


def url_seguimiento(hoja: Hoja) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("libro:seguimiento", args=[token_de(hoja)])


def _monto(hoja: Hoja) -> str | None:
    return str(hoja.monto_reclamado) if hoja.monto_reclamado is not None else None


def snapshot_hoja(hoja: Hoja) -> dict:
    """Every value of the sheet (DOMAIN §4.15) as filed: the constancia shows exactly this."""
    return {
        "numero": hoja.numero,
        "libro": {"codigo": hoja.libro.codigo, "nombre": hoja.establecimiento},
        "presentada_en": hoja.presentada_en.isoformat(),
        "fecha_presentacion": hoja.fecha_presentacion.isoformat(),
        "proveedor": {
            "razon_social": hoja.proveedor_razon_social,
            "ruc": hoja.proveedor_ruc,
            "direccion": hoja.establecimiento_direccion,
        },
        "consumidor": {
            "nombres": hoja.nombres,
            "apellidos": hoja.apellidos,
            "tipo_documento": hoja.get_tipo_documento_display(),
            "numero_documento": hoja.numero_documento,
            "domicilio": hoja.domicilio,
            "telefono": hoja.telefono,
            "email": hoja.email,
            "es_menor": hoja.es_menor,
            "apoderado": hoja.apoderado_nombre,
            "apoderado_documento": " ".join(
                p for p in (hoja.apoderado_tipo_documento, hoja.apoderado_numero_documento) if p
            ),
        },
        "bien": {
            "tipo": hoja.get_tipo_bien_display(),
            "monto": _monto(hoja),
            "descripcion": hoja.descripcion_bien,
            "numero_pedido": hoja.numero_pedido,
        },
        "tipo": hoja.get_tipo_display(),
        "detalle": hoja.detalle,
        "pedido": hoja.pedido,
        "medio_respuesta": hoja.get_medio_respuesta_display(),
        "vence_respuesta": hoja.vence_respuesta.isoformat() if hoja.vence_respuesta else None,
        "vence_respuesta_texto": f"{hoja.vence_respuesta:%d/%m/%Y}" if hoja.vence_respuesta else "",
        "regimen": [hoja.regimen_codigo, hoja.regimen_version],
        "secciones": secciones_hoja(hoja),
    }


def secciones_hoja(hoja: Hoja) -> list[dict]:
    """The full sheet (DOMAIN §4.15) as titled sections of (label, value) lines, already in
    Peruvian formats: the constancia PDF and the e-mail show exactly these."""
    from libro.templatetags.libro_tags import lima, soles

    consumidor = [
        ["Nombre", hoja.consumidor],
        ["Documento", f"{hoja.get_tipo_documento_display()} {hoja.numero_documento}"],
        ["Domicilio", hoja.domicilio or "—"],
        ["Teléfono", hoja.telefono or "—"],
        ["Correo electrónico", hoja.email or "—"],
    ]
    if hoja.es_menor:
        consumidor.append(
            [
                "Padre, madre o representante",
                f"{hoja.apoderado_nombre} ({hoja.apoderado_tipo_documento} "
                f"{hoja.apoderado_numero_documento})",
            ]
        )
    return [
        {
            "titulo": "Hoja de reclamación",
            "filas": [
                ["N.º", hoja.numero],
                ["Fecha", f"{lima(hoja.presentada_en)} (hora de Lima)"],
                ["Proveedor", f"{hoja.proveedor_razon_social} — RUC {hoja.proveedor_ruc}"],
                ["Establecimiento", f"{hoja.establecimiento} — {hoja.establecimiento_direccion}"],
            ],
        },
        {"titulo": "1. Identificación del consumidor reclamante", "filas": consumidor},
        {
            "titulo": "2. Identificación del bien contratado",
            "filas": [
                ["Bien", hoja.get_tipo_bien_display()],
                ["Monto reclamado", soles(hoja.monto_reclamado) or "—"],
                ["Descripción", hoja.descripcion_bien],
                ["N.º de pedido", hoja.numero_pedido or "—"],
            ],
        },
        {
            "titulo": "3. Detalle de la reclamación y pedido del consumidor",
            "filas": [
                ["Tipo", hoja.get_tipo_display()],
                ["Detalle", hoja.detalle],
                ["Pedido", hoja.pedido],
                ["Respuesta por", hoja.get_medio_respuesta_display()],
            ],
        },
    ]


def filas_hoja(hoja: Hoja) -> list[list[str]]:
    return [fila for seccion in secciones_hoja(hoja) for fila in seccion["filas"]]


def _emitir(hoja: Hoja, *, tipo: str, plantilla: str, titulo: str, snapshot: dict, por):
    from documentos.services import emitir_documento

    return emitir_documento(
        tipo=tipo,
        plantilla=plantilla,
        snapshot=snapshot,
        por=por,
        sujeto=hoja,
        regimen=(hoja.regimen_codigo, hoja.regimen_version),
        titulo=titulo,
    )


def _al_consumidor(hoja: Hoja, *, plantilla: str, asunto: str, adjuntos=(), **contexto):
    from notificaciones.services import encolar_notificacion

    return encolar_notificacion(
        email=hoja.email,
        plantilla=plantilla,
        asunto=asunto,
        contexto={
            "numero": hoja.numero,
            "consumidor": hoja.consumidor,
            "proveedor": hoja.proveedor_razon_social,
            "establecimiento": hoja.establecimiento,
            "url": url_seguimiento(hoja),
            **contexto,
        },
        sujeto=hoja,
        adjuntos=adjuntos,
    )


def _al_proveedor(hoja: Hoja, *, plantilla: str, asunto: str, **contexto) -> None:
    """Each active representative of the provider gets the notice in "Mis notificaciones"."""
    from notificaciones.services import encolar_notificacion

    miembros = hoja.libro.organizacion.membresias.filter(activa=True).select_related("usuario")
    for membresia in miembros:
        encolar_notificacion(
            destinatario=membresia.usuario,
            plantilla=plantilla,
            asunto=asunto,
            contexto={
                "numero": hoja.numero,
                "libro": hoja.libro.nombre,
                "tipo": hoja.get_tipo_display(),
                "url": settings.SITE_URL.rstrip("/") + reverse("libro:hoja", args=[hoja.pk]),
                **contexto,
            },
            sujeto=hoja,
        )


def hoja_registrada(hoja: Hoja) -> None:
    """PE-04: the consumer gets the full sheet at once (constancia, an issued document)."""
    constancia = _emitir(
        hoja,
        tipo="hoja_reclamacion",
        plantilla="libro/hoja_reclamacion",
        titulo=f"Hoja de reclamación N.º {hoja.numero} — {hoja.establecimiento}",
        snapshot=snapshot_hoja(hoja),
        por=None,
    )
    if hoja.email:
        _al_consumidor(
            hoja,
            plantilla="libro/hoja_registrada",
            asunto=f"Hoja de reclamación N.º {hoja.numero} registrada",
            adjuntos=[constancia],
            filas=filas_hoja(hoja),
            vence=f"{hoja.vence_respuesta:%d/%m/%Y}" if hoja.vence_respuesta else "",
        )
    _al_proveedor(
        hoja,
        plantilla="libro/hoja_nueva",
        asunto=f"Nueva hoja de reclamación N.º {hoja.numero} ({hoja.libro.nombre})",
        vence=f"{hoja.vence_respuesta:%d/%m/%Y}" if hoja.vence_respuesta else "",
    )


def propuesta_enviada(hoja: Hoja, propuesta: Propuesta) -> None:
    if hoja.email:
        _al_consumidor(
            hoja,
            plantilla="libro/propuesta",
            asunto=f"Propuesta de solución a su hoja N.º {hoja.numero}",
            propuesta=propuesta.texto,
            vence=f"{propuesta.vence:%d/%m/%Y}" if propuesta.vence else "",
        )


def propuesta_decidida(hoja: Hoja, propuesta: Propuesta) -> None:
    _al_proveedor(
        hoja,
        plantilla="libro/propuesta_decidida",
        asunto=f"Hoja N.º {hoja.numero}: {propuesta.get_estado_display().lower()}",
        estado=propuesta.get_estado_display(),
        comentario=propuesta.comentario_consumidor,
        vence=f"{hoja.vence_respuesta:%d/%m/%Y}" if hoja.vence_respuesta else "",
        cerrada=hoja.cerrada,
    )


def acuerdo_aceptado(hoja: Hoja, propuesta: Propuesta):
    """The accepted proposal as a document the consumer keeps (the agreement that closed the
    sheet), on the sheet's page and by e-mail when the consumer gave one."""
    decidida = propuesta.decidida_en.astimezone(ZoneInfo(PERU.zona_horaria))
    documento = _emitir(
        hoja,
        tipo="generico",
        plantilla="libro/acuerdo",
        titulo=f"Acuerdo aceptado — hoja de reclamación N.º {hoja.numero}",
        snapshot={
            **snapshot_hoja(hoja),
            "acuerdo": {
                "numero": propuesta.numero,
                "texto": propuesta.texto,
                "enviada": f"{propuesta.fecha_envio:%d/%m/%Y}",
                "aceptada": f"{decidida:%d/%m/%Y %H:%M}",
            },
        },
        por=None,
    )
    if hoja.email:
        _al_consumidor(
            hoja,
            plantilla="libro/acuerdo",
            asunto=f"Acuerdo aceptado — hoja de reclamación N.º {hoja.numero}",
            adjuntos=[documento],
            propuesta=propuesta.texto,
        )
    return documento


def respuesta_enviada(hoja: Hoja, respuesta: Respuesta, *, por):
    """The formal answer as an issued document; by e-mail when that is the chosen means.
    Returns the notice (the proof of sending) or None for a postal answer."""
    documento = _emitir(
        hoja,
        # documentos has no kind of its own for the answer yet: a generic document, titled.
        tipo="generico",
        plantilla="libro/respuesta",
        titulo=f"Respuesta a la hoja de reclamación N.º {hoja.numero}",
        snapshot={
            **snapshot_hoja(hoja),
            "respuesta": {
                "texto": respuesta.texto,
                "fecha": respuesta.fecha.isoformat(),
                "fecha_texto": f"{respuesta.fecha:%d/%m/%Y}",
                "medio": respuesta.get_medio_display(),
                "destino": respuesta.destino,
            },
        },
        por=por,
    )
    if respuesta.medio != Hoja.Medio.EMAIL:
        return None
    return _al_consumidor(
        hoja,
        plantilla="libro/respuesta",
        asunto=f"Respuesta a su hoja de reclamación N.º {hoja.numero}",
        adjuntos=[documento],
        respuesta=respuesta.texto,
    )


def hoja_vencida(hoja: Hoja) -> None:
    _al_proveedor(
        hoja,
        plantilla="libro/hoja_vencida",
        asunto=f"Hoja N.º {hoja.numero}: venció el plazo de respuesta",
        vence=f"{hoja.vence_respuesta:%d/%m/%Y}" if hoja.vence_respuesta else "",
    )


def prueba_adjuntada(hoja: Hoja, *, nombre: str) -> None:
    _al_proveedor(
        hoja,
        plantilla="libro/prueba_adjuntada",
        asunto=f"Hoja N.º {hoja.numero}: el consumidor adjuntó una prueba",
        archivo=nombre,
    )
