"""Reads of fees and fines shaped for pages and API, scoped to who asks (STYLE.md)."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from cuentas.permisos import autenticado
from cuentas.roles import Rol
from honorarios.models import Honorario, Multa
from normativa.regimenes import Papel, codigos_de
from plazos.models import Plazo
from reclamos.permisos import reclamos_visibles

PERSONAL = (Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR)
PERSONAL_MULTAS = (Rol.ADMISION, Rol.ADMINISTRADOR)


def _plazos_de(modelo) -> QuerySet[Plazo]:
    return Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(modelo), object_id=OuterRef("pk")
    )


def _de(plazos: QuerySet[Plazo], papel: Papel) -> QuerySet[Plazo]:
    """The plazos playing `papel` (in whichever régimen has fees)."""
    return plazos.filter(tipo__in=codigos_de(papel))


def _vence(plazos: QuerySet[Plazo], papel: Papel):
    return Subquery(_de(plazos, papel).order_by("-pk").values("vence")[:1])


def con_alertas(qs: QuerySet[Honorario]) -> QuerySet[Honorario]:
    """Each fee with its terms' due dates and overdue flags, in the same query."""
    plazos = _plazos_de(Honorario)
    vencido = Plazo.Estado.VENCIDO
    return qs.select_related("reclamo", "conciliador__usuario").annotate(
        vence_fondo=_vence(plazos, Papel.PAGO_HONORARIO_BASICO),
        vence_ejecutable=_vence(plazos, Papel.EJECUTORIEDAD_HONORARIOS),
        vence_reintegro=_vence(plazos, Papel.REINTEGRO_HONORARIO),
        fondo_vencido=Exists(_de(plazos, Papel.PAGO_HONORARIO_BASICO).filter(estado=vencido)),
        reintegro_vencido=Exists(_de(plazos, Papel.REINTEGRO_HONORARIO).filter(estado=vencido)),
    )


def honorarios_visibles(usuario, clave=None) -> QuerySet[Honorario]:
    """Conciliators: their own fees. Staff of claims: every fee. The registry: the fees with a
    refund (AR-17, a disciplinary matter). Parties: the fees of their claims."""
    if not autenticado(usuario):
        return Honorario.objects.none()
    if usuario.rol == Rol.CONCILIADOR:
        return Honorario.objects.filter(conciliador__usuario=usuario)
    if usuario.rol in PERSONAL:
        return Honorario.objects.all()
    if usuario.rol == Rol.REGISTRO:
        return Honorario.objects.filter(total_cobrado_el__isnull=False)
    return Honorario.objects.filter(reclamo__in=reclamos_visibles(usuario, clave))


# Newest accrued first: the conciliator's "Mis honorarios" walks it by keyset over the index
# honorario_conciliador_reciente; the API by cursor (issue 13).
ORDEN_HONORARIOS = ("-devengado_en", "-pk")


def honorarios_de(usuario, *, clave=None, a_cargo: str | None = None, estado: str | None = None):
    qs = honorarios_visibles(usuario, clave)
    if a_cargo:
        qs = qs.filter(a_cargo=a_cargo)
    if estado:
        qs = qs.filter(estado=estado)
    return con_alertas(qs).order_by(*ORDEN_HONORARIOS)


def sin_monto(usuario) -> tuple[int, bool]:
    """The visible fees still without an amount (no fee scale or unit value yet), capped."""
    from conciliacion.paginacion import contar_acotado

    return contar_acotado(honorarios_visibles(usuario).filter(monto__isnull=True))


def reintegros_pendientes(usuario) -> QuerySet[Honorario]:
    """The visible fees whose basic part must still be refunded (AR-17): few, each one an
    alert at the top of the conciliator's page."""
    qs = honorarios_visibles(usuario).filter(
        total_cobrado_el__isnull=False, reintegrado_el__isnull=True
    )
    return con_alertas(qs).order_by("pk")


# The Fondo's page walks its obligations by keyset in this order (the unpaid first, then the
# latest paid; newest accrued within each), the order of the partial index honorario_fondo.
ORDEN_FONDO = ("-pagado_el", "-devengado_en", "-pk")
NULOS_PRIMERO_FONDO = ("pagado_el",)


def obligaciones_del_fondo(usuario, *, estado: str | None = None) -> QuerySet[Honorario]:
    """The Fondo's obligations: basic fees of method a without agreement (D202-I.17), the
    pending ones first on every database (SQLite's DESC would put the NULLs last)."""
    qs = honorarios_de(usuario, a_cargo=Honorario.Pagador.FONDO, estado=estado)
    return qs.order_by(F("pagado_el").desc(nulls_first=True), "-devengado_en", "-pk")


def fondo_vencidos(usuario) -> tuple[int, bool]:
    """How many unpaid obligations of the Fondo are past the basic fee's payment term (COPREC's
    AR-15), capped (contar_acotado)."""
    from conciliacion.paginacion import contar_acotado

    qs = honorarios_visibles(usuario).filter(
        Exists(
            _plazos_de(Honorario).filter(
                tipo__in=codigos_de(Papel.PAGO_HONORARIO_BASICO), estado=Plazo.Estado.VENCIDO
            )
        ),
        a_cargo=Honorario.Pagador.FONDO,
        pagado_el__isnull=True,
    )
    return contar_acotado(qs)


def reintegros(usuario) -> QuerySet[Honorario]:
    """Refunds owed after collecting the full fee (AR-17), overdue ones first."""
    qs = con_alertas(honorarios_visibles(usuario).filter(total_cobrado_el__isnull=False))
    return qs.order_by("reintegrado_el", "-reintegro_vencido", "vence_reintegro", "-pk")


def multas_visibles(usuario, clave=None) -> QuerySet[Multa]:
    """Staff of claims: every fine. Everyone else: the fines of the claims they see (the
    conciliator of the claim, the fined provider, the consumer)."""
    if not autenticado(usuario):
        return Multa.objects.none()
    if usuario.rol in PERSONAL_MULTAS:
        return Multa.objects.all()
    return Multa.objects.filter(reclamo__in=reclamos_visibles(usuario, clave))


def multas_de(usuario, *, clave=None, estado: str | None = None) -> QuerySet[Multa]:
    qs = multas_visibles(usuario, clave)
    if estado:
        qs = qs.filter(estado=estado)
    plazos = _plazos_de(Multa)
    return (
        qs.select_related("reclamo", "proveedor", "audiencia__conciliador__usuario", "cedula")
        .annotate(vence_recurso=_vence(plazos, Papel.RECURSO_MULTA))
        .order_by("-certificada_en", "-pk")
    )


def buscar_multas(qs: QuerySet[Multa], buscar: str) -> QuerySet[Multa]:
    """The staff list's search, exact or prefix matches only (as the admission queue's):
    the claim's number, the consumer's DNI or surname (prefix), the fined provider's CUIT/RUC
    (dashes or not) or name (prefix). Number, DNI and CUIT are the indexed columns of the
    joined claim and provider; the page walks multa_certificada_desc with them (issue 13)."""
    buscar = buscar.strip()
    if not buscar:
        return qs
    digitos = re.sub(r"\D", "", buscar)
    filtro = (
        Q(reclamo__numero=buscar.upper())
        | Q(reclamo__consumidor_apellido__istartswith=buscar)
        | Q(proveedor__razon_social__istartswith=buscar)
    )
    if digitos:
        filtro |= Q(reclamo__consumidor_dni=digitos) | Q(proveedor__identificador=digitos)
    return qs.filter(filtro)


def evidencia_de_la_multa(multa: Multa) -> dict:
    """What staff check before the legal opinion (D202-I.16): the papers and the notice."""
    from honorarios.services.evidencia import prueba_de_notificacion, resultado_de_la_justificacion
    from honorarios.services.multas import VERIFICACIONES
    from honorarios.services.seguimiento_multas import fecha_ficta_de_la_intimacion

    cedula = multa.cedula
    return {
        "prueba": prueba_de_notificacion(cedula),
        "justificacion": resultado_de_la_justificacion(multa.reclamo, multa.audiencia),
        "justificaciones": list(
            multa.reclamo.actuaciones.filter(
                codigo__in=[
                    "audiencia.justificacion_presentada",
                    "reclamo.cerrado_incomparecencia",
                ],
                en__gte=multa.audiencia.inicio,
            ).order_by("en")
        ),
        "verificaciones": VERIFICACIONES,
        "fecha_ficta": fecha_ficta_de_la_intimacion(multa),
    }


def seccion_del_reclamo(usuario, reclamo, mirada=None) -> dict | None:
    """The claim page's section: the fee and the fines, with what this user may do. The page's
    marks (`mirada`) skip the tables that hold nothing for the claim (issue 13)."""
    from audiencias.permisos import es_conciliador_de
    from honorarios.services.multas import se_puede_certificar

    honorario = (
        Honorario.objects.filter(reclamo=reclamo)
        .select_related("conciliador__usuario", "constancia", "copia_certificada")
        .first()
        if mirada is None or mirada.tiene("honorario")
        else None
    )
    multas = (
        list(
            Multa.objects.filter(reclamo=reclamo)
            .select_related("proveedor", "certificacion", "certificado", "intimacion")
            .order_by("pk")
        )
        if mirada is None or mirada.tiene("multas")
        else []
    )
    es_conciliador = es_conciliador_de(usuario, reclamo) or (
        honorario is not None and honorario.conciliador.usuario_id == usuario.pk
    )
    es_personal = getattr(usuario, "rol", "") in PERSONAL_MULTAS
    puede_certificar = (
        es_conciliador
        and (mirada is None or mirada.tiene("cerrado_por_incomparecencia"))
        and se_puede_certificar(reclamo)
    )
    ar19 = None
    if puede_certificar:
        ar19 = (
            Plazo.objects.filter(
                content_type=ContentType.objects.get_for_model(reclamo),
                object_id=reclamo.pk,
                tipo__in=reclamo.regimen.codigos(Papel.CERTIFICACION_MULTA),
                estado__in=[*Plazo.ABIERTOS, Plazo.Estado.VENCIDO],
            )
            .order_by("-pk")
            .first()
        )
    if honorario is None and not multas and not puede_certificar:
        return None
    return {
        "honorario": honorario,
        "multas": multas,
        "es_conciliador": es_conciliador,
        "es_personal": es_personal,
        "es_consumidor": reclamo.consumidor_id == usuario.pk,
        "puede_certificar": puede_certificar,
        "ar19": ar19,
    }
