"""Who is told about the acts of the conciliation that are not hearings (the over-cap referral,
the claim widened at the first hearing, the extension and end of the conciliation's term), and
the one function that queues those notices. Called by services inside their transaction: the
outbox sends after commit, so a rolled-back act tells nobody."""

from __future__ import annotations

from django.urls import reverse

from cuentas.alcance import solo_a_cargo
from cuentas.roles import Rol
from reclamos.models import Reclamo
from reclamos.permisos import PERSONAL_POR_REGIMEN


def _unicos(usuarios) -> list:
    vistos, unicos = set(), []
    for usuario in usuarios:
        if usuario is not None and usuario.pk not in vistos:
            vistos.add(usuario.pk)
            unicos.append(usuario)
    return unicos


def partes(reclamo: Reclamo) -> list:
    """The consumer and every active representative of each provider of the claim."""
    from cuentas.models import Membresia

    usuarios = [reclamo.consumidor]
    for proveedor in reclamo.proveedores.select_related("representante"):
        usuarios.append(proveedor.representante)
        if proveedor.organizacion_id:
            usuarios.extend(
                m.usuario
                for m in Membresia.objects.filter(
                    organizacion_id=proveedor.organizacion_id, activa=True
                ).select_related("usuario")
            )
    return _unicos(usuarios)


def conciliador_designado(reclamo: Reclamo):
    designacion = (
        reclamo.designaciones.filter(activa=True).select_related("conciliador__usuario").first()
    )
    return designacion.conciliador.usuario if designacion else None


def personal(reclamo: Reclamo) -> list:
    """The admission staff of the claim's régimen (D202-I.2, I.11: "la autoridad competente en
    materia específica")."""
    from cuentas.models import Usuario

    roles = [
        rol
        for rol, regimenes in PERSONAL_POR_REGIMEN.items()
        if reclamo.regimen_codigo in regimenes and rol in {Rol.ADMISION, Rol.ADMINISTRADOR}
    ]
    return solo_a_cargo(
        Usuario.objects.filter(rol__in=roles, is_active=True).order_by("pk"), reclamo.regimen_codigo
    )


def avisar(
    usuarios, *, reclamo: Reclamo, plantilla: str, asunto: str, contexto: dict, adjuntos=()
) -> int:
    """Queues one notice per user (each once), with the issued documents it carries; returns
    how many."""
    from notificaciones.services import encolar_notificacion

    base = {"numero": reclamo.numero, "url": reverse("reclamos:detalle", args=[reclamo.pk])}
    enviados = 0
    for usuario in _unicos(usuarios):
        encolar_notificacion(
            destinatario=usuario,
            plantilla=plantilla,
            contexto={**base, **contexto, "es_personal": usuario.rol in PERSONAL_POR_REGIMEN},
            asunto=asunto,
            sujeto=reclamo,
            adjuntos=adjuntos,
        )
        enviados += 1
    return enviados
