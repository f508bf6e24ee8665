"""What audiencias registers upstream for the hearings an agency official conducts (the mediation
procedure, S001): the hook that turns the act "convocar_audiencia" into an Audiencia, the one
that calls a pending hearing off when the consumer withdraws, and the hearing's section on the
mediation page."""

from reclamos.secciones import registrar_seccion
from reclamos.transiciones import registrar_hook


def _crear_audiencia(reclamo, *, transicion, por, datos):
    from audiencias.services.mediacion import crear_audiencia_convocada

    crear_audiencia_convocada(reclamo, transicion=transicion, por=por, datos=datos)


def _cancelar_al_desistir(reclamo, *, transicion, por, datos):
    from audiencias.services.mediacion import cancelar_al_desistir

    cancelar_al_desistir(reclamo, transicion=transicion, por=por, datos=datos)


registrar_hook("convocar_audiencia", _crear_audiencia)
registrar_hook("desistir", _cancelar_al_desistir)


def _contexto(request, reclamo, mirada):
    """The hearing: date, room, who conducts, outcome and acta; the button to conduct it for
    that official. No query when the claim's marks say it has no hearing (decision 0043)."""
    if not mirada.tiene("audiencias"):
        return None
    from audiencias.models import Audiencia
    from audiencias.services.mediacion import acta_de, nombre_del_resultado
    from audiencias.services.mediacion_firmas import (
        acta_firmada,
        estado_de_las_firmas,
        le_falta_firmar,
    )
    from reclamos.services.mediacion import parte_de

    parte = parte_de(request.user, reclamo)
    audiencias = list(reclamo.audiencias.select_related("funcionario").order_by("inicio"))
    if parte is None or not audiencias:
        return None
    filas = []
    for a in audiencias:
        acta = acta_de(a) if a.estado == Audiencia.Estado.CELEBRADA else None
        firmas = estado_de_las_firmas(a) if acta else []
        filas.append(
            {
                "audiencia": a,
                "acta": acta,
                "firmas": firmas,
                "firmada": acta_firmada(acta),
                "debe_firmar": acta is not None
                and not acta_firmada(acta)
                and le_falta_firmar(request.user, reclamo, firmas),
                "resultado": nombre_del_resultado(reclamo, a.resultado) if a.resultado else "",
                "conduce": a.funcionario_id == request.user.pk,
            }
        )
    return {
        "parte": parte,
        "hora_oficial": reclamo.regimen.texto("hora_oficial"),
        "cargo": reclamo.regimen.texto("funcionario"),
        "filas": filas,
    }


registrar_seccion(
    "audiencias/mediacion/_seccion.html", _contexto, orden=15, procedimientos=("mediacion",)
)
