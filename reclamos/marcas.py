"""The claim page's own marks (reclamos.secciones.registrar_marca): which of the claim's tables
hold rows, read as EXISTS with the claim itself, so the page queries only the non-empty ones."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, Exists, OuterRef, Subquery, Value

from cuentas.permisos import organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from documentos.models import ArchivoSubido, Documento
from notificaciones.models import CambioDeDomicilio
from plazos.models import Plazo
from reclamos.models import (
    CoReclamante,
    Incumplimiento,
    MensajeMediacion,
    MiembroAcumulacion,
    Pausa,
    PropuestaMediacion,
    Reclamo,
    ReclamoProveedor,
)
from reclamos.secciones import registrar_marca


def _citado(usuario):
    """When the claim was first served on a provider `usuario` represents (Decision 0015)."""
    if not tiene_rol(usuario, Rol.REPRESENTANTE):
        return Value(None, output_field=DateTimeField())
    return Subquery(
        ReclamoProveedor.objects.filter(
            reclamo=OuterRef("pk"),
            organizacion__in=organizaciones_representadas(usuario),
            citado_en__isnull=False,
        )
        .order_by("citado_en")
        .values("citado_en")[:1],
        output_field=DateTimeField(),
    )


def _tipo_reclamo() -> int:
    """The claim's content type id (Django caches it in-process): the variant of the fixed
    marks over generic relations (secciones.registrar_marca)."""
    return ContentType.objects.get_for_model(Reclamo).pk


def _del_reclamo(modelo):
    def fabrica(usuario):
        return Exists(
            modelo.objects.filter(
                sujeto_tipo=ContentType.objects.get_for_model(Reclamo), sujeto_id=OuterRef("pk")
            )
        )

    return fabrica


def _plazos_abiertos(usuario):
    """A running or suspended plazo of the claim (the party's timeline shows them)."""
    return Exists(
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(Reclamo),
            object_id=OuterRef("pk"),
            estado__in=Plazo.ABIERTOS,
        )
    )


def _cambio_de_domicilio(usuario):
    """The consumer's pending change of address (the page's 'Confirmá tu correo' notice)."""
    return Exists(
        CambioDeDomicilio.objects.filter(
            usuario_id=OuterRef("consumidor_id"), estado=CambioDeDomicilio.Estado.PENDIENTE
        )
    )


def registrar():
    registrar_marca("citado", _citado)
    registrar_marca(
        "pausas", lambda u: Exists(Pausa.objects.filter(reclamo=OuterRef("pk"))), fija=True
    )
    registrar_marca(
        "acumulacion",
        lambda u: Exists(
            MiembroAcumulacion.objects.filter(reclamo=OuterRef("pk"), hasta__isnull=True)
        ),
        fija=True,
    )
    # Fixed per content type id (it differs between databases and after a test flush): the SQL
    # is compiled once for each id the in-process cache answers.
    ambos = ("conciliacion", "mediacion")
    por_tipo = {"fija": True, "variante": _tipo_reclamo}
    registrar_marca("documentos", _del_reclamo(Documento), procedimientos=ambos, **por_tipo)
    registrar_marca("archivos", _del_reclamo(ArchivoSubido), procedimientos=ambos, **por_tipo)
    registrar_marca("plazos_abiertos", _plazos_abiertos, **por_tipo)
    registrar_marca("cambio_de_domicilio", _cambio_de_domicilio, fija=True)
    registrar_marca(
        "coreclamantes",
        lambda u: Exists(CoReclamante.objects.filter(reclamo=OuterRef("pk"))),
        fija=True,
    )
    registrar_marca(
        "incumplimientos",
        lambda u: Exists(Incumplimiento.objects.filter(reclamo=OuterRef("pk"))),
        fija=True,
    )
    # The mediation file's thread and proposals (decision 0043).
    registrar_marca(
        "mensajes_mediacion",
        lambda u: Exists(MensajeMediacion.objects.filter(reclamo=OuterRef("pk"))),
        fija=True,
        procedimientos=("mediacion",),
    )
    registrar_marca(
        "propuestas_mediacion",
        lambda u: Exists(PropuestaMediacion.objects.filter(reclamo=OuterRef("pk"))),
        fija=True,
        procedimientos=("mediacion",),
    )
