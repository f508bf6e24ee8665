"""Several consumers in one claim (litisconsorcio facultativo, D202-I.2; decision 0026).

Staff add a co-claimant to a claim whose consumers share the facts, connected titles and object
(the same test as joining claims). Each co-claimant is a party: told of every hearing
(avisar_a_coreclamantes), their attendance recorded and their signature required on an agreement
(audiencias.services.audiencia). The claim keeps one number, one amount and one cap check."""

from django.db import transaction
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from reclamos import avisos, expediente
from reclamos.estados import CERRADOS, Estado
from reclamos.models import CoReclamante, Reclamo

FUENTE = "D202-I.2"
ANTES_DE_LA_AUDIENCIA = {
    Estado.EN_ADMISION,
    Estado.ADMITIDO,
    Estado.ESPERA_TURNO,
    Estado.ESPERA_DOC_AUTONOMO,
    Estado.CONCILIADOR_DESIGNADO,
}


def _destino(coreclamante: CoReclamante) -> dict:
    return {"destinatario": coreclamante.usuario, "email": coreclamante.email or None}


def _contexto(reclamo: Reclamo, coreclamante: CoReclamante, **extra) -> dict:
    return {
        "numero": reclamo.numero,
        "nombre": coreclamante.nombre,
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "tiene_cuenta": coreclamante.usuario_id is not None,
        "url": avisos._contexto(reclamo)["url"],
        # The norm that allows claiming together, in the régimen's words ("" if it names none).
        "norma_litisconsorcio": reclamo.regimen.textos.get("norma_litisconsorcio", ""),
        **extra,
    }


@transaction.atomic
def agregar_coreclamante(
    reclamo: Reclamo,
    *,
    por,
    nombre: str,
    apellido: str,
    dni: str,
    email: str = "",
    domicilio: str = "",
    usuario=None,
    fundamento: str,
) -> CoReclamante:
    """Staff add a further consumer before the first hearing is fixed, with the ground."""
    from notificaciones.services import encolar_notificacion

    if por.rol not in {Rol.ADMISION, Rol.ADMINISTRADOR}:
        raise AccesoDenegado(_("Solo el personal de admisión agrega co-reclamantes."))
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if reclamo.estado in CERRADOS or reclamo.estado not in ANTES_DE_LA_AUDIENCIA:
        raise ConflictoDeEstado(
            _("Solo se agregan co-reclamantes antes de fijar la primera audiencia.")
        )
    faltan = {
        campo: [_("Obligatorio.")]
        for campo, valor in (("nombre", nombre), ("apellido", apellido), ("dni", dni))
        if not valor.strip()
    }
    if not fundamento.strip():
        faltan["fundamento"] = [_("Obligatorio.")]
    if not email.strip() and usuario is None and not domicilio.strip():
        faltan["email"] = [_("Indicá un correo o un domicilio para notificarle.")]
    if faltan:
        raise DatosInvalidos(_("Completá los datos del co-reclamante."), campos=faltan)
    dni = dni.strip().replace(".", "")
    if dni == reclamo.consumidor_dni or reclamo.coreclamantes.filter(dni=dni).exists():
        raise ConflictoDeEstado(_("Esa persona ya es parte del reclamo."))
    coreclamante = CoReclamante.objects.create(
        reclamo=reclamo,
        usuario=usuario,
        nombre=nombre.strip(),
        apellido=apellido.strip(),
        dni=dni,
        email=email.strip(),
        domicilio=domicilio.strip(),
        agregado_por=por,
    )
    expediente._registrar(
        reclamo,
        "reclamo.coreclamante",
        por=por,
        texto=(
            f"Se agrega como co-reclamante a {coreclamante} (litisconsorcio, mismos hechos): "
            f"{fundamento.strip()}"
        )[:300],
        datos={"coreclamante": coreclamante.pk, "fundamento": fundamento.strip()},
        fuente=FUENTE,
    )
    if coreclamante.usuario_id or coreclamante.email:
        encolar_notificacion(
            **_destino(coreclamante),
            plantilla="reclamos/coreclamante",
            asunto=f"Sos parte del reclamo {reclamo.numero}",
            contexto=_contexto(reclamo, coreclamante),
            sujeto=reclamo,
        )
    return coreclamante


def avisar_a_coreclamantes(reclamo: Reclamo, *, asunto: str, mensaje: str) -> list[CoReclamante]:
    """One notice per co-claimant with an e-mail or an account (the others are served by the
    same reliable means as the consumer). Returns the claim's co-claimants."""
    from notificaciones.services import encolar_notificacion

    todos = list(reclamo.coreclamantes.select_related("usuario"))
    for coreclamante in todos:
        if not (coreclamante.usuario_id or coreclamante.email):
            continue
        encolar_notificacion(
            **_destino(coreclamante),
            plantilla="reclamos/aviso_coreclamante",
            asunto=asunto,
            contexto=_contexto(reclamo, coreclamante, mensaje=mensaje),
            sujeto=reclamo,
        )
    return todos


def es_coreclamante(usuario, reclamo: Reclamo) -> CoReclamante | None:
    if usuario is None or not getattr(usuario, "is_authenticated", False):
        return None
    return reclamo.coreclamantes.filter(usuario=usuario).first()
