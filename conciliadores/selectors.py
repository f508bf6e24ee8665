"""Reads of conciliadores shaped for pages and API, scoped to who asks."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from conciliadores.elegibilidad import hoy_local
from conciliadores.jurisdicciones import normalizar
from conciliadores.models import (
    Conciliador,
    Designacion,
    DocumentoAutonomo,
    Licencia,
    Propuesta,
    Rechazo,
    Recusacion,
    Sancion,
    Sorteo,
)
from conciliadores.permisos import es_personal_reclamos, perfil_de
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo
from reclamos.permisos import (
    es_parte_consumidora,
    es_parte_proveedora,
    es_personal_del_reclamo,
    reclamos_visibles,
)


def _con_licencia_hoy(hoy: datetime.date) -> Prefetch:
    return Prefetch(
        "licencias",
        queryset=Licencia.objects.filter(
            estado=Licencia.Estado.APROBADA, desde__lte=hoy, hasta__gte=hoy
        ),
        to_attr="licencias_hoy",
    )


def directorio(*, jurisdiccion: str = "", modalidad: str = "") -> list[Conciliador]:
    """The public directory (art. 7 c): active conciliators not under a sanction today. Those on
    licence are listed with its end date, since they cannot be chosen meanwhile."""
    hoy = hoy_local()
    sancionados = Sancion.objects.vigentes_en(hoy).values("conciliador")
    qs = (
        Conciliador.objects.filter(activo=True, usuario__is_active=True)
        .exclude(pk__in=sancionados)
        .select_related("usuario")
        .prefetch_related("oficinas", _con_licencia_hoy(hoy))
        .order_by("usuario__apellido", "usuario__nombre", "matricula")
    )
    filas = list(qs)
    if jurisdiccion:
        clave = normalizar(jurisdiccion)
        filas = [c for c in filas if any(normalizar(j) == clave for j in c.jurisdicciones)]
    if modalidad:
        filas = [c for c in filas if modalidad in c.modalidades]
    return filas


def jurisdicciones_del_directorio() -> list[str]:
    vistas: dict[str, str] = {}
    for lista in Conciliador.objects.filter(activo=True).values_list("jurisdicciones", flat=True):
        for nombre in lista:
            vistas.setdefault(normalizar(nombre), nombre)
    return sorted(vistas.values(), key=normalizar)


def sorteos_realizados() -> QuerySet[Sorteo]:
    """The public register of draws: anyone can check each conciliator's load from it."""
    return (
        Sorteo.objects.filter(realizado_en__isnull=False)
        .select_related("reclamo", "resultado__usuario")
        .order_by("-realizado_en", "-pk")
    )


def rondas_de(numero: str) -> list[Sorteo]:
    return list(
        Sorteo.objects.filter(reclamo__numero=numero)
        .select_related("reclamo", "resultado__usuario")
        .order_by("ronda")
    )


def _rol_en(reclamo: Reclamo, usuario) -> dict:
    mirada = reclamo.__dict__.get("_mirada")
    if mirada is not None and mirada.usuario is usuario:
        # The claim page decided who looks once (reclamos.secciones.Mirada, issue 13).
        return {
            "es_consumidor": mirada.es_consumidor,
            "es_proveedor": mirada.es_proveedor,
            "es_personal": mirada.es_personal and es_personal_reclamos(usuario),
        }
    perfil = perfil_de(usuario)
    return {
        "es_consumidor": es_parte_consumidora(usuario, reclamo),
        "es_proveedor": es_parte_proveedora(usuario, reclamo),
        "es_personal": es_personal_del_reclamo(usuario, reclamo) and es_personal_reclamos(usuario),
        "perfil": perfil,
    }


def _si_hay(reclamo: Reclamo, marca: str, leer) -> list:
    """`leer()` unless the claim was read with the mark saying its table is empty (issue 13)."""
    mirada = reclamo.__dict__.get("_mirada")
    if mirada is not None and not mirada.tiene(marca):
        return []
    return list(leer())


def resumen_designacion(reclamo: Reclamo, usuario) -> dict:
    """Everything the claim page shows about who conciliates, and which acts `usuario` has.
    One query per table that holds rows for the claim (the claim page's marks skip the rest)."""
    designaciones = _si_hay(
        reclamo,
        "designaciones",
        lambda: reclamo.designaciones.select_related("conciliador__usuario").order_by(
            "fecha", "pk"
        ),
    )
    activa = next((d for d in designaciones if d.activa), None)
    pendiente = next(
        iter(
            _si_hay(
                reclamo,
                "propuestas",
                lambda: reclamo.propuestas_conciliador.filter(
                    estado=Propuesta.Estado.PENDIENTE
                ).select_related("conciliador__usuario")[:1],
            )
        ),
        None,
    )
    recusaciones = _si_hay(
        reclamo,
        "recusaciones",
        lambda: reclamo.recusaciones.select_related("conciliador__usuario").order_by("pk"),
    )
    recusacion = next((r for r in recusaciones if r.estado == Recusacion.Estado.EN_TRAMITE), None)
    rol = _rol_en(reclamo, usuario)
    yo = getattr(usuario, "pk", None)

    def soy(fila) -> bool:
        # The rows were read with their conciliator (select_related): no profile query.
        return bool(fila and yo is not None and fila.conciliador.usuario_id == yo)

    return {
        "reclamo": reclamo,
        "activa": activa,
        "anteriores": [d for d in designaciones if not d.activa],
        "pendiente": pendiente,
        "recusacion": recusacion,
        "recusaciones": [r for r in recusaciones if r.estado != Recusacion.Estado.EN_TRAMITE],
        "excusaciones": _si_hay(
            reclamo,
            "excusaciones",
            lambda: reclamo.excusaciones.select_related("conciliador__usuario"),
        ),
        "documentos": _si_hay(
            reclamo,
            "documentos_autonomos",
            lambda: reclamo.documentos_autonomos.select_related("conciliador__usuario", "archivo"),
        ),
        "sorteos": _si_hay(reclamo, "sorteos", lambda: reclamo.sorteos.order_by("ronda")),
        "soy_designado": soy(activa),
        "soy_propuesto": soy(pendiente),
        "soy_recusado": soy(recusacion),
        "puede_recusar": bool(
            activa
            and not recusacion
            and (rol["es_consumidor"] or rol["es_proveedor"])
            and reclamo.estado in {Estado.CONCILIADOR_DESIGNADO, Estado.AUDIENCIA_FIJADA}
        ),
        **rol,
    }


SIN_ELEGIBLES = "conciliador.sin_elegibles"  # conciliadores.expediente.sin_conciliadores_elegibles


def _con_acto(codigo: str) -> Exists:
    return Exists(Actuacion.objects.filter(reclamo=OuterRef("pk"), codigo=codigo))


def cola_designaciones(usuario) -> dict:
    """The admission staff's pending designation work, oldest first."""
    visibles = reclamos_visibles(usuario).values("pk")
    return {
        "documentos": DocumentoAutonomo.objects.filter(
            reclamo__in=visibles, estado=DocumentoAutonomo.Estado.PENDIENTE
        )
        .select_related("reclamo", "conciliador__usuario")
        .order_by("subido_en"),
        "recusaciones": Recusacion.objects.filter(
            reclamo__in=visibles, estado=Recusacion.Estado.EN_TRAMITE
        )
        .select_related("reclamo", "conciliador__usuario")
        .order_by("presentada_en"),
        "redesignaciones": Reclamo.objects.filter(pk__in=visibles, estado=Estado.REDESIGNACION)
        .annotate(sin_elegibles=_con_acto(SIN_ELEGIBLES))
        .order_by("actualizado_en"),
        # Method a after a change of conciliator nobody free could take at the slot: the hearing
        # was cancelled and the consumer has to pick another slot.
        "vuelven_a_turno": Reclamo.objects.filter(
            _con_acto("reclamo.vuelve_a_elegir_turno"),
            pk__in=visibles,
            estado=Estado.ESPERA_TURNO,
        )
        .annotate(sin_elegibles=_con_acto(SIN_ELEGIBLES))
        .order_by("actualizado_en"),
    }


def tareas_del_conciliador(perfil: Conciliador) -> dict:
    return {
        "designaciones": perfil.designaciones.filter(activa=True)
        .select_related("reclamo")
        .order_by("-fecha"),
        "propuestas": perfil.propuestas.filter(estado=Propuesta.Estado.PENDIENTE)
        .select_related("reclamo")
        .order_by("creada_en"),
        "recusaciones": perfil.recusaciones.filter(
            estado=Recusacion.Estado.EN_TRAMITE, respuesta=""
        )
        .select_related("reclamo")
        .order_by("presentada_en"),
    }


def _contar(qs: QuerySet) -> Subquery:
    """A correlated COUNT read only for the rows of the page (no GROUP BY over the registry)."""
    return Coalesce(
        Subquery(qs.order_by().values("conciliador").annotate(n=Count("pk")).values("n")[:1]),
        0,
    )


def lista_registro(*, buscar: str = "") -> QuerySet[Conciliador]:
    """The registry staff's list, with this year's unjustified refusals and pending licences,
    each counted per row of the page through the (conciliador, anio, justificado) and licence
    indexes (issue 13)."""
    anio = hoy_local().year
    qs = Conciliador.objects.select_related("usuario").annotate(
        rechazos_sin_causa=_contar(
            Rechazo.objects.filter(conciliador=OuterRef("pk"), anio=anio, justificado=False)
        ),
        licencias_pendientes=_contar(
            Licencia.objects.filter(conciliador=OuterRef("pk"), estado=Licencia.Estado.SOLICITADA)
        ),
    )
    if buscar:
        qs = qs.filter(
            Q(matricula__icontains=buscar)
            | Q(usuario__apellido__icontains=buscar)
            | Q(usuario__email__icontains=buscar)
        )
    return qs.order_by("matricula")


def licencias_pendientes() -> QuerySet[Licencia]:
    return (
        Licencia.objects.filter(estado=Licencia.Estado.SOLICITADA)
        .select_related("conciliador__usuario")
        .order_by("solicitada_en")
    )


def designaciones_visibles(usuario, *, clave=None, reclamo_id=None) -> QuerySet[Designacion]:
    qs = Designacion.objects.filter(reclamo__in=reclamos_visibles(usuario, clave).values("pk"))
    if reclamo_id is not None:
        qs = qs.filter(reclamo_id=reclamo_id)
    return qs.select_related("reclamo", "conciliador__usuario").order_by("reclamo_id", "fecha")


# How many of a claim's ended designations, recusaciones and draw rounds its designation embeds
# (the latest); the whole lists are cursor-paginated sub-resources (issue 13, decision 0040).
ULTIMAS = 10


def designacion_del_reclamo(reclamo: Reclamo) -> dict:
    """The claim's designation for the API: the active one, the latest ended ones, a proposal
    awaiting an answer, the latest recusaciones and the draw's latest rounds (commitments;
    results once drawn), each bounded by ULTIMAS whatever the claim's history."""
    activa = (
        reclamo.designaciones.filter(activa=True)
        .select_related("conciliador__usuario", "sorteo")
        .order_by("-fecha", "-pk")
        .first()
    )
    anteriores = list(
        reclamo.designaciones.filter(activa=False)
        .select_related("conciliador__usuario", "sorteo")
        .order_by("-fecha", "-pk")[:ULTIMAS]
    )[::-1]
    realizado = reclamo.sorteos.filter(realizado_en__isnull=False).exists()
    return {
        "reclamo": reclamo.pk,
        "numero": reclamo.numero,
        "metodo": reclamo.metodo_designacion,
        "estado": reclamo.estado,
        "activa": activa,
        "anteriores": anteriores,
        "propuesta_pendiente": reclamo.propuestas_conciliador.filter(
            estado=Propuesta.Estado.PENDIENTE
        )
        .select_related("conciliador__usuario")
        .first(),
        "recusaciones": list(
            reclamo.recusaciones.select_related("conciliador").order_by("-presentada_en", "-pk")[
                :ULTIMAS
            ]
        ),
        "sorteo": list(reclamo.sorteos.order_by("-ronda")[:ULTIMAS])[::-1],
        "sorteo_url": reverse("sorteo-publico", args=[reclamo.numero]) if realizado else None,
        "designaciones_url": f"{reverse('designacion-list')}?reclamo={reclamo.pk}",
        "recusaciones_url": reverse("recusaciones-del-reclamo", args=[reclamo.pk]),
        "rondas_url": reverse("rondas-del-reclamo", args=[reclamo.pk]),
    }


def informes_de_cierre_tardios(conciliador: Conciliador) -> list[dict]:
    """The closures without agreement whose report (AR-14, D202-I.17) this conciliator did not
    file in time: flagged for the registry (DOMAIN Q18), never sanctioned by the portal. Each row
    says whether the report came late (the expediente's entry) or is still missing."""
    from django.contrib.contenttypes.models import ContentType

    from normativa.regimenes import Papel, codigos_de
    from plazos.models import Plazo

    filas = list(
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(Reclamo),
            object_id__in=conciliador.designaciones.filter(activa=True).values("reclamo_id"),
            tipo__in=codigos_de(Papel.INFORME_CIERRE),
            estado=Plazo.Estado.VENCIDO,
        )
        .order_by("-vence")
        .values("object_id", "vence")[:50]
    )
    ids = [f["object_id"] for f in filas]
    numeros = dict(Reclamo.objects.filter(pk__in=ids).values_list("pk", "numero"))
    informes = dict(
        Actuacion.objects.filter(
            reclamo_id__in=ids, codigo="conciliacion.informe_de_cierre"
        ).values_list("reclamo_id", "en")
    )
    return [
        {
            "reclamo_numero": numeros.get(f["object_id"], ""),
            "vence": f["vence"],
            "presentado_en": informes.get(f["object_id"]),
        }
        for f in filas
    ]


def fuentes_del_conciliador(usuario, *, clave=None, **filtros) -> list:
    """The sources of reclamos.recorridos for a conciliator's API list (decision 0041): what
    permisos.filtro_reclamos_del_conciliador lets them see, as walks of their own rows. Their
    active designations walk designacion_activa_fecha newest filed first; their pending
    proposals (a handful) are read whole and sorted. The profile is read first, so each walk
    is one index range (joined to the profile, PostgreSQL would sort every designation)."""
    from reclamos import recorridos

    perfiles = list(
        Conciliador.objects.filter(usuario=usuario).order_by("pk").values_list("pk", flat=True)
    )
    designadas = recorridos.filtro(**filtros)
    propuestas = recorridos.filtro(fecha="reclamo__presentado_en", **filtros)
    fuentes = []
    for perfil in perfiles:
        fuentes.append(
            recorridos.fuente(
                Designacion.objects.filter(designadas, conciliador_id=perfil, activa=True)
            )
        )
        fuentes.append(
            recorridos.fuente(
                Propuesta.objects.filter(
                    propuestas, conciliador_id=perfil, estado=Propuesta.Estado.PENDIENTE
                ),
                fecha="reclamo__presentado_en",
            )
        )
    return fuentes
