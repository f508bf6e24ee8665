"""What libro registers upstream: with plazos, the consequence of PE-01 and PE-02 expiring, the
recalculation hook (a decreed day moved a due date) and who is reminded before PE-01 falls due;
with documentos, who may download the sheet's documents."""

from django.utils.translation import gettext as _

from documentos.permisos import registrar_acceso
from libro import eventos, eventos_webhook, services, terminos  # noqa: F401  (webhooks)
from libro.models import Hoja
from libro.permisos import hojas_visibles
from plazos import registro


def _al_recalcular(plazo, vence_anterior, dia) -> None:
    hoja = Hoja.objects.filter(pk=plazo.object_id).first()
    if hoja is None:
        return
    if plazo.tipo == terminos.RESPUESTA:
        Hoja.objects.filter(pk=hoja.pk).update(vence_respuesta=plazo.vence)
    eventos.plazo_recalculado(
        hoja,
        tipo=plazo.tipo,
        anterior=vence_anterior,
        nuevo=plazo.vence,
        motivo=_("Se registró un día no hábil: %(d)s.") % {"d": dia},
    )


def _representantes(plazo):
    hoja = Hoja.objects.select_related("libro__organizacion").filter(pk=plazo.object_id).first()
    if hoja is None:
        return []
    miembros = hoja.libro.organizacion.membresias.filter(activa=True).select_related("usuario")
    return [m.usuario for m in miembros]


registro.registrar_consecuencia(terminos.RESPUESTA, services.marcar_vencida)
registro.registrar_consecuencia(terminos.PROPUESTA, services.rechazar_por_silencio)
registro.registrar_recalculo(Hoja, _al_recalcular)
registro.registrar_responsable(terminos.RESPUESTA, _representantes)


def _ve_documentos_de_la_hoja(usuario, hoja) -> bool:
    """The provider's representatives download the sheet's documents (constancia, answer);
    the consumer gets them through the signed link (libro.views.publico.documento)."""
    return hojas_visibles(usuario).filter(pk=hoja.pk).exists()


registrar_acceso(Hoja, _ve_documentos_de_la_hoja)
