"""What happens to a fee when its terms run out (the consequences honorarios.ganchos registers):
AR-15 (the Fondo did not pay in 15 days), AR-16 (unpaid 45 calendar days after the last hearing:
enforceable, D202-I.17) and AR-17 (the basic fee not refunded: the registry is told)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cuentas.roles import Rol
from honorarios import expediente
from honorarios.models import Honorario, Pagador
from honorarios.services.honorarios import E, _bloquear, acta_de_cierre


def _deudor(honorario: Honorario) -> str:
    reclamo = honorario.reclamo
    if honorario.a_cargo == Pagador.PROVEEDOR:
        return "; ".join(
            f"{p.razon_social} (CUIT {p.identificador})" for p in reclamo.proveedores.all()
        )
    if honorario.a_cargo == Pagador.CONSUMIDOR:
        nombre = f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip()
        return f"{nombre} (DNI {reclamo.consumidor_dni})"
    return str(Pagador.FONDO.label)


def hacer_ejecutable(honorario: Honorario) -> None:
    """AR-16 expired unpaid: the acta is an enforcement title by itself; the conciliator gets a
    certified copy (an issued document) and a notice (D202-I.17). Runs in the sweeper's
    transaction; a second run does nothing."""
    from documentos.services import emitir_documento

    honorario = _bloquear(honorario)
    if honorario.estado in (*Honorario.COBRADOS, E.EJECUTABLE):
        return
    reclamo = honorario.reclamo
    acta = acta_de_cierre(reclamo)
    honorario.copia_certificada = emitir_documento(
        tipo="certificado_ejecutoriedad",
        plantilla="honorarios/copia_certificada",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "conciliador": honorario.conciliador.nombre,
            "matricula": honorario.conciliador.matricula,
            "acta_titulo": acta.titulo if acta else "",
            "acta": acta.numero_visible if acta else "",
            "acta_codigo": acta.codigo if acta else "",
            "acta_sha256": acta.sha256 if acta else "",
            "ultima_audiencia": f"{honorario.ultima_audiencia:%d/%m/%Y}"
            if honorario.ultima_audiencia
            else "",
            "tipo": honorario.get_tipo_display(),
            "a_cargo": honorario.get_a_cargo_display(),
            "deudor": _deudor(honorario),
            "unidades": f"{honorario.unidades:.2f}" if honorario.unidades is not None else "",
            "monto": f"{honorario.monto:.2f}" if honorario.monto is not None else "",
        },
        por=None,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Copia certificada del acta (honorarios impagos) — reclamo %(n)s")
        % {"n": reclamo.numero},
    )
    honorario.estado = E.EJECUTABLE
    honorario.save(update_fields=["copia_certificada", "estado"])
    expediente.honorario_ejecutable(reclamo, honorario=honorario)
    _avisar(
        [honorario.conciliador.usuario],
        plantilla="honorarios/ejecutable",
        asunto=_("Honorario impago: copia certificada del acta — reclamo %(n)s")
        % {"n": reclamo.numero},
        honorario=honorario,
        adjuntos=[honorario.copia_certificada],
    )


def pago_del_fondo_vencido(honorario: Honorario) -> None:
    """AR-15 expired: the Fondo did not pay in 15 days. Flagged on the Fondo's page; the
    conciliator is told."""
    expediente.pago_del_fondo_vencido(honorario.reclamo, honorario=honorario)
    _avisar(
        [honorario.conciliador.usuario],
        plantilla="honorarios/fondo_vencido",
        asunto=_("El Fondo no pagó en término — reclamo %(n)s") % {"n": honorario.reclamo.numero},
        honorario=honorario,
    )


def reintegro_vencido(honorario: Honorario) -> None:
    """AR-17 expired without the refund: a suspension ground (D202-II.4 j), so the registry of
    conciliators is told and sees it on its page."""
    from cuentas.models import Usuario

    if not honorario.reintegro_pendiente:
        return
    expediente.reintegro_vencido(honorario.reclamo, honorario=honorario)
    _avisar(
        list(Usuario.objects.filter(rol=Rol.REGISTRO, is_active=True)),
        plantilla="honorarios/reintegro_vencido",
        asunto=_("Reintegro de honorario vencido — conciliador/a mat. %(m)s")
        % {"m": honorario.conciliador.matricula},
        honorario=honorario,
    )


def _avisar(usuarios, *, plantilla: str, asunto: str, honorario: Honorario, adjuntos=()) -> None:
    from django.urls import reverse

    from notificaciones.services import encolar_notificacion

    contexto = {
        "numero": honorario.reclamo.numero,
        "conciliador": honorario.conciliador.nombre,
        "matricula": honorario.conciliador.matricula,
        "monto": f"{honorario.monto:.2f}" if honorario.monto is not None else "",
        "reintegro": f"{honorario.monto_reintegro:.2f}" if honorario.monto_reintegro else "",
        "url": reverse("honorarios:mis_honorarios"),
    }
    for usuario in usuarios:
        encolar_notificacion(
            destinatario=usuario,
            plantilla=plantilla,
            contexto=contexto,
            asunto=asunto,
            sujeto=honorario.reclamo,
            adjuntos=adjuntos,
        )
