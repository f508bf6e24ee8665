"""The acts of the disciplinary procedure (Decreto 202/2015, Anexo II arts. 7–22; DOMAIN §2.4).

Each act is one function and one transaction: it checks who acts and the case's state (compare-
and-swap on `estado`), writes a dated act in the case's expediente, opens or meets the AR-D terms
in the plazos app and, for the notice of charges, the sumario order, the officer's report and the
decision, issues a numbered PDF verifiable on /verificar/.

Notices to the conciliator go through the portal: deemed served the next calendar day (D202-I.4,
DOMAIN Decision 3); a business-day term starts on the first business day after that (Ley 19.549).
The complainant constitutes an address in the complaint (art. 8 a) and is notified the same way.
Registry staff act for the Dirección Nacional de Mediación, the Secretaría de Justicia and the
instructing officer, whose acts they record (decision 0027).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.disciplina import expediente
from conciliadores.disciplina.agenda import reclamos_con_audiencia
from conciliadores.elegibilidad import hoy_local
from conciliadores.models import (
    CasoDisciplinario,
    Conciliador,
    Designacion,
    Escrito,
    Sancion,
)
from conciliadores.permisos import es_personal_registro
from documentos.models import TipoDocumento
from documentos.numeracion import anio_de_emision, siguiente_numero
from normativa.regimenes import Papel, registro_de_conciliadores
from reclamos.estados import Estado as EstadoReclamo
from reclamos.models import Reclamo

E = CasoDisciplinario.Estado
R = CasoDisciplinario.Resultado
UN_DIA = datetime.timedelta(days=1)
# D202-II.4: 5 calendar days to 1 year (the year of 366 days when it holds a 29 February).
SUSPENSION_MINIMA_DIAS = 5
SUSPENSION_MAXIMA_DIAS = 366
# D202-II.6: at least 3 years of effective exclusion.
ANIOS_PARA_REHABILITAR = 3
NUMERACION = "caso_disciplinario"


# ---------------------------------------------------------------- helpers


def _exigir_registro(por) -> None:
    if not es_personal_registro(por):
        raise AccesoDenegado(_("Solo el personal del registro de conciliadores puede hacer esto."))


def _exigir_conciliador(caso: CasoDisciplinario, por) -> None:
    if caso.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo el conciliador investigado puede presentar este escrito."))


def _texto_obligatorio(texto: str, campo: str, mensaje: str) -> str:
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(mensaje, campos={campo: [_("Obligatorio.")]})
    return texto


def _mover(caso: CasoDisciplinario, desde: tuple, hacia: str) -> None:
    """Compare-and-swap on the case's state: a second click or a racing sweeper changes
    nothing twice."""
    cambiados = CasoDisciplinario.objects.filter(pk=caso.pk, estado__in=desde).update(
        estado=hacia, actualizado_en=timezone.now()
    )
    if cambiados != 1:
        caso.refresh_from_db(fields=["estado"])
        raise ConflictoDeEstado(
            _("No se puede hacer esto con el caso en la etapa «%(e)s».")
            % {"e": caso.get_estado_display()}
        )
    caso.estado = hacia


def _abrir(caso, papel: Papel, desde: datetime.date, *, por, cantidad: int | None = None):
    """Opens the disciplinary term playing `papel` in the roll's régimen (Anexo II)."""
    from plazos.services import abrir_plazo

    regimen = registro_de_conciliadores()
    return abrir_plazo(
        sujeto=caso,
        tipo=regimen.codigo_de(papel),
        desde=desde,
        regimen=regimen.codigo,
        por=por,
        cantidad=cantidad,
    )


def _cumplir(caso, papeles, *, por) -> int:
    from plazos.services import cumplir_plazos

    regimen = registro_de_conciliadores()
    return cumplir_plazos(sujeto=caso, tipos=[regimen.codigo_de(p) for p in papeles], por=por)


def plazo_abierto(caso, tipo: str):
    from plazos.models import Plazo

    return (
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(caso),
            object_id=caso.pk,
            tipo=tipo,
            estado__in=Plazo.ABIERTOS,
        )
        .order_by("-pk")
        .first()
    )


def _datos_conciliador(c: Conciliador) -> dict:
    return {
        "nombre": c.nombre,
        "matricula": c.matricula,
        "domicilio": c.domicilio_profesional,
        "email": c.usuario.email,
    }


def _emitir(caso, tipo: str, titulo: str, *, por, parrafos: list[str], datos: list, fuente: str):
    from documentos.services import emitir_documento

    return emitir_documento(
        tipo=tipo,
        plantilla="conciliadores/disciplina",
        titulo=f"{titulo} — caso {caso.numero}",
        snapshot={
            "titulo": titulo,
            "caso": caso.numero,
            "fecha": f"{hoy_local():%d/%m/%Y}",
            "conciliador": _datos_conciliador(caso.conciliador),
            "parrafos": parrafos,
            "datos": datos,
            "fuente": fuente,
        },
        por=por,
        sujeto=caso,
    )


def _avisar_al_conciliador(caso, asunto: str, texto: str) -> None:
    from notificaciones.services import encolar_notificacion

    encolar_notificacion(
        destinatario=caso.conciliador.usuario,
        plantilla="conciliadores/disciplina",
        asunto=asunto,
        contexto={
            "numero": caso.numero,
            "texto": texto,
            "url": reverse("conciliadores:mi_caso", args=[caso.pk]),
        },
        sujeto=caso,
    )


def _subir(caso, archivos, *, por, categoria: str) -> list:
    from documentos.services import guardar_subida

    return [guardar_subida(a, por=por, sujeto=caso, categoria=categoria) for a in archivos or []]


def _notificado_el() -> datetime.date:
    """D202-I.4 / Decision 3: a notice sent through the portal is served the next day."""
    return hoy_local() + UN_DIA


# ---------------------------------------------------------------- the complaint


@transaction.atomic
def abrir_caso(
    conciliador: Conciliador,
    *,
    por,
    origen: str,
    hechos: str,
    causal: str = "",
    reclamo: Reclamo | None = None,
    denunciante_nombre: str = "",
    denunciante_documento: str = "",
    denunciante_domicilio: str = "",
    archivos=(),
) -> CasoDisciplinario:
    """Opens the case (art. 8). A complaint — of a party of the conciliation or of staff — goes
    to the complainant for ratification (art. 9 a, AR-D2); an ex officio case goes straight to
    the conciliator's defence (art. 9 b, AR-D3)."""
    _exigir_registro(por)
    if origen not in CasoDisciplinario.Origen.values:
        raise DatosInvalidos(_("Elegí el origen de la actuación."), campos={"origen": ["x"]})
    hechos = _texto_obligatorio(
        hechos, "hechos", _("Relatá los hechos en forma circunstanciada (art. 8 c).")
    )
    denunciante = None
    if origen == CasoDisciplinario.Origen.PARTE:
        if reclamo is None:
            raise DatosInvalidos(
                _("Indicá el reclamo de la conciliación de que se trata (art. 8 b)."),
                campos={"reclamo": [_("Obligatorio.")]},
            )
        if not Designacion.objects.filter(reclamo=reclamo, conciliador=conciliador).exists():
            raise DatosInvalidos(
                _("Ese conciliador no intervino en el reclamo indicado."),
                campos={"reclamo": [_("No intervino.")]},
            )
        denunciante = reclamo.consumidor
        nombre = f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip()
        denunciante_nombre = denunciante_nombre.strip() or nombre
        denunciante_documento = denunciante_documento.strip() or reclamo.consumidor_dni
        denunciante_domicilio = denunciante_domicilio.strip() or reclamo.consumidor_domicilio
    if origen != CasoDisciplinario.Origen.OFICIO:
        faltan = {
            campo: [_("Obligatorio en una denuncia (art. 8 a).")]
            for campo, valor in (
                ("denunciante_nombre", denunciante_nombre),
                ("denunciante_documento", denunciante_documento),
                ("denunciante_domicilio", denunciante_domicilio),
            )
            if not (valor or "").strip()
        }
        if faltan:
            raise DatosInvalidos(
                _("Completá los datos del denunciante: nombre, DNI y domicilio (art. 8 a)."),
                campos=faltan,
            )
    anio = anio_de_emision(registro_de_conciliadores().codigo)
    caso = CasoDisciplinario.objects.create(
        numero=f"DISC-{siguiente_numero(NUMERACION, anio)}/{anio}",
        conciliador=conciliador,
        origen=origen,
        estado=E.RATIFICACION if origen != CasoDisciplinario.Origen.OFICIO else E.EVALUACION,
        reclamo=reclamo,
        denunciante=denunciante,
        denunciante_nombre=denunciante_nombre.strip(),
        denunciante_documento=denunciante_documento.strip(),
        denunciante_domicilio=denunciante_domicilio.strip(),
        hechos=hechos,
        causal=causal.strip(),
        abierto_por=por,
    )
    subidos = _subir(caso, archivos, por=por, categoria="denuncia")
    if origen == CasoDisciplinario.Origen.OFICIO:
        expediente.anotar(
            caso,
            "caso.de_oficio",
            _("Actuación iniciada de oficio"),
            por=por,
            fuente="D202-II.8",
            datos={"causal": caso.causal},
        )
        _correr_traslado(caso, por=por, desde=(E.EVALUACION,))
        return caso
    notificado = _notificado_el()
    plazo = _abrir(caso, Papel.DISCIPLINA_RATIFICACION, notificado, por=por)
    expediente.anotar(
        caso,
        "caso.denuncia",
        _("Denuncia de %(d)s%(r)s; traslado al denunciante para ratificarla (vence el %(v)s)")
        % {
            "d": caso.denunciante_nombre,
            "r": _(" (reclamo %(n)s)") % {"n": reclamo.numero} if reclamo else "",
            "v": f"{plazo.vence:%d/%m/%Y}",
        },
        por=por,
        fuente="D202-II.8; II.9 a",
        datos={"archivos": [a.pk for a in subidos], "notificado": f"{notificado}"},
    )
    return caso


@transaction.atomic
def ratificar(caso: CasoDisciplinario, *, por, texto: str, archivos=()) -> Escrito:
    """The complainant ratifies, corrects or adds facts (art. 9 a; AR-D2): recorded by staff
    from the written ratification, or by the complainant when they have an account."""
    if not (es_personal_registro(por) or caso.denunciante_id == getattr(por, "pk", None)):
        raise AccesoDenegado(_("La ratificación es del denunciante."))
    texto = _texto_obligatorio(texto, "texto", _("Escribí la ratificación o los hechos nuevos."))
    _mover(caso, (E.RATIFICACION,), E.EVALUACION)
    _cumplir(caso, [Papel.DISCIPLINA_RATIFICACION], por=por)
    escrito = Escrito.objects.create(
        caso=caso, tipo=Escrito.Tipo.RATIFICACION, texto=texto, presentado_por=por
    )
    _subir(caso, archivos, por=por, categoria=Escrito.Tipo.RATIFICACION)
    expediente.anotar(
        caso, "denuncia.ratificada", _("Denuncia ratificada"), por=por, fuente="D202-II.9 a"
    )
    _correr_traslado(caso, por=por, desde=(E.EVALUACION,))
    return escrito


@transaction.atomic
def impulsar_de_oficio(caso: CasoDisciplinario, *, por, fundamento: str) -> CasoDisciplinario:
    """Not ratified, but the facts are credible: the Dirección pursues it ex officio (art. 9 c)."""
    _exigir_registro(por)
    fundamento = _texto_obligatorio(
        fundamento, "fundamento", _("Explicá por qué los hechos son verosímiles.")
    )
    expediente.anotar(
        caso,
        "denuncia.impulso_de_oficio",
        _("Sin ratificación: se impulsa de oficio. %(f)s") % {"f": fundamento},
        por=por,
        fuente="D202-II.9 c",
    )
    _correr_traslado(caso, por=por, desde=(E.SIN_RATIFICAR,))
    return caso


def _correr_traslado(caso: CasoDisciplinario, *, por, desde: tuple) -> None:
    """Notice of the charges to the conciliator, who has AR-D3 to answer (art. 9 b)."""
    _mover(caso, desde, E.DESCARGO)
    notificado = _notificado_el()
    plazo = _abrir(caso, Papel.DISCIPLINA_DESCARGO, notificado, por=por)
    documento = _emitir(
        caso,
        TipoDocumento.CARGO_DISCIPLINARIO,
        _("Traslado de cargos"),
        por=por,
        parrafos=[
            _(
                "Se da traslado al conciliador/a de los hechos que se le imputan para que, dentro "
                "de los cinco (5) días hábiles administrativos, formule el descargo que estime "
                "corresponder (Decreto 202/2015, Anexo II, art. 9 b). Vencido el plazo, el "
                "procedimiento sigue sin él (art. 11)."
            ),
            _("Hechos: %(h)s") % {"h": caso.hechos},
        ],
        datos=[
            [_("Origen"), caso.get_origen_display()],
            [_("Denunciante"), caso.denunciante_nombre or _("De oficio")],
            [_("Reclamo"), caso.reclamo.numero if caso.reclamo_id else "—"],
            [_("Causal invocada"), caso.causal or "—"],
            [_("Notificado el"), f"{notificado:%d/%m/%Y}"],
            [_("Vence el descargo"), f"{plazo.vence:%d/%m/%Y}"],
        ],
        fuente="D202-II.9 b; II.11",
    )
    expediente.anotar(
        caso,
        "traslado.cargos",
        _("Traslado de cargos al conciliador; descargo hasta el %(v)s")
        % {"v": f"{plazo.vence:%d/%m/%Y}"},
        por=por,
        fuente="D202-II.9 b",
        documento=documento,
    )
    _avisar_al_conciliador(
        caso,
        _("Traslado de cargos — caso %(n)s") % {"n": caso.numero},
        _("Tenés cinco días hábiles, hasta el %(v)s, para presentar tu descargo.")
        % {"v": f"{plazo.vence:%d/%m/%Y}"},
    )


# ---------------------------------------------------------------- the conciliator's writs


@transaction.atomic
def presentar_descargo(caso: CasoDisciplinario, *, por, texto: str, archivos=()) -> Escrito:
    _exigir_conciliador(caso, por)
    texto = _texto_obligatorio(texto, "texto", _("Escribí tu descargo."))
    caso = CasoDisciplinario.objects.select_for_update().get(pk=caso.pk)
    if caso.estado != E.DESCARGO:
        raise ConflictoDeEstado(
            _(
                "El plazo para el descargo ya no está abierto: el procedimiento siguió sin él "
                "(Anexo II, art. 11)."
            )
        )
    _mover(caso, (E.DESCARGO,), E.EVALUACION)
    _cumplir(caso, [Papel.DISCIPLINA_DESCARGO], por=por)
    escrito = Escrito.objects.create(
        caso=caso, tipo=Escrito.Tipo.DESCARGO, texto=texto, presentado_por=por
    )
    subidos = _subir(caso, archivos, por=por, categoria=Escrito.Tipo.DESCARGO)
    expediente.anotar(
        caso,
        "descargo.presentado",
        _("El conciliador presentó su descargo"),
        por=por,
        fuente="D202-II.9 b",
        datos={"escrito": escrito.pk, "archivos": [a.pk for a in subidos]},
    )
    return escrito


@transaction.atomic
def ofrecer_prueba(caso: CasoDisciplinario, *, por, texto: str, archivos=()) -> Escrito:
    """Testimonial, documentary, informative or expert evidence (art. 18), during the sumario."""
    _exigir_conciliador(caso, por)
    texto = _texto_obligatorio(texto, "texto", _("Describí la prueba que ofrecés."))
    caso = CasoDisciplinario.objects.select_for_update().get(pk=caso.pk)
    if caso.estado != E.SUMARIO:
        raise ConflictoDeEstado(_("La prueba se ofrece durante el sumario."))
    escrito = Escrito.objects.create(
        caso=caso, tipo=Escrito.Tipo.PRUEBA, texto=texto, presentado_por=por
    )
    subidos = _subir(caso, archivos, por=por, categoria=Escrito.Tipo.PRUEBA)
    expediente.anotar(
        caso,
        "prueba.ofrecida",
        _("El conciliador ofreció prueba (%(n)s archivos)") % {"n": len(subidos)},
        por=por,
        fuente="D202-II.18",
        datos={"escrito": escrito.pk, "archivos": [a.pk for a in subidos]},
    )
    return escrito


@transaction.atomic
def presentar_alegato(caso: CasoDisciplinario, *, por, texto: str) -> Escrito:
    _exigir_conciliador(caso, por)
    texto = _texto_obligatorio(texto, "texto", _("Escribí tu alegato."))
    caso = CasoDisciplinario.objects.select_for_update().get(pk=caso.pk)
    if caso.estado != E.ALEGATO:
        raise ConflictoDeEstado(
            _(
                "El plazo para alegar ya no está abierto: se certificó la falta de alegato "
                "(Anexo II, art. 20)."
            )
        )
    _mover(caso, (E.ALEGATO,), E.CIERRE)
    _cumplir(caso, [Papel.DISCIPLINA_ALEGATO], por=por)
    escrito = Escrito.objects.create(
        caso=caso, tipo=Escrito.Tipo.ALEGATO, texto=texto, presentado_por=por
    )
    expediente.anotar(
        caso, "alegato.presentado", _("Alegato agregado"), por=por, fuente="D202-II.19–20"
    )
    return escrito


# ---------------------------------------------------------------- the Dirección and the sumario


@transaction.atomic
def ordenar_sumario(caso: CasoDisciplinario, *, por, instructor: str, fundamento: str):
    """After the defence (or its lapse) the Secretaría orders the inquiry and an officer is
    named (arts. 11–13); the order is notified reliably (art. 13) and AR-D4 runs (art. 17)."""
    _exigir_registro(por)
    instructor = _texto_obligatorio(instructor, "instructor", _("Indicá el instructor sumariante."))
    fundamento = _texto_obligatorio(fundamento, "fundamento", _("Fundá la decisión."))
    _mover(caso, (E.EVALUACION,), E.SUMARIO)
    CasoDisciplinario.objects.filter(pk=caso.pk).update(instructor=instructor)
    caso.instructor = instructor
    notificado = _notificado_el()
    plazo = _abrir(caso, Papel.DISCIPLINA_SUMARIO, notificado, por=por)
    documento = _emitir(
        caso,
        TipoDocumento.ORDEN_SUMARIO,
        _("Resolución que ordena la instrucción del sumario"),
        por=por,
        parrafos=[
            _(
                "Se ordena la instrucción de un sumario (Decreto 202/2015, Anexo II, arts. 12 y "
                "13). El investigado puede ofrecer prueba testimonial, documental, informativa o "
                "pericial (art. 18) y consultar el expediente (art. 14)."
            ),
            _("Fundamentos: %(f)s") % {"f": fundamento},
        ],
        datos=[
            [_("Instructor sumariante"), instructor],
            [_("Notificado el"), f"{notificado:%d/%m/%Y}"],
            [_("Plazo del sumario (90 días hábiles) hasta"), f"{plazo.vence:%d/%m/%Y}"],
        ],
        fuente="D202-II.12–13; II.17",
    )
    expediente.anotar(
        caso,
        "sumario.ordenado",
        _("Se ordena el sumario; instructor: %(i)s") % {"i": instructor},
        por=por,
        fuente="D202-II.12–13",
        documento=documento,
    )
    _avisar_al_conciliador(
        caso,
        _("Sumario ordenado — caso %(n)s") % {"n": caso.numero},
        _("Se ordenó el sumario. Podés ofrecer prueba desde la página del caso."),
    )
    return documento


@transaction.atomic
def decidir_prueba(escrito: Escrito, *, por, admitida: bool) -> Escrito:
    """The officer admits or rejects offered evidence (art. 18; the rejection is appealable)."""
    _exigir_registro(por)
    if escrito.tipo != Escrito.Tipo.PRUEBA or escrito.caso.estado != E.SUMARIO:
        raise ConflictoDeEstado(_("Solo se decide la prueba ofrecida durante el sumario."))
    Escrito.objects.filter(pk=escrito.pk).update(admitido=admitida)
    escrito.admitido = admitida
    expediente.anotar(
        escrito.caso,
        "prueba.admitida" if admitida else "prueba.desestimada",
        _("Prueba admitida")
        if admitida
        else _("Prueba desestimada por no conducente (recurrible)"),
        por=por,
        fuente="D202-II.18",
        datos={"escrito": escrito.pk},
    )
    return escrito


@transaction.atomic
def correr_vista(caso: CasoDisciplinario, *, por) -> None:
    """Evidence produced: the investigated conciliator has AR-D5 to plead on its merit (art. 19)."""
    _exigir_registro(por)
    _mover(caso, (E.SUMARIO,), E.ALEGATO)
    plazo = _abrir(caso, Papel.DISCIPLINA_ALEGATO, _notificado_el(), por=por)
    expediente.anotar(
        caso,
        "vista.alegato",
        _("Vista al investigado para alegar hasta el %(v)s (improrrogable)")
        % {"v": f"{plazo.vence:%d/%m/%Y}"},
        por=por,
        fuente="D202-II.19",
    )
    _avisar_al_conciliador(
        caso,
        _("Vista para alegar — caso %(n)s") % {"n": caso.numero},
        _("Tenés tres días hábiles improrrogables, hasta el %(v)s, para alegar.")
        % {"v": f"{plazo.vence:%d/%m/%Y}"},
    )


@transaction.atomic
def cerrar_sumario(caso: CasoDisciplinario, *, por) -> None:
    """With the alegato filed or its absence certified the officer closes the sumario; the
    report is due within AR-D6 (art. 20)."""
    _exigir_registro(por)
    _mover(caso, (E.CIERRE,), E.INFORME)
    _cumplir(caso, [Papel.DISCIPLINA_SUMARIO], por=por)
    plazo = _abrir(caso, Papel.DISCIPLINA_INFORME, hoy_local(), por=por)
    expediente.anotar(
        caso,
        "sumario.cerrado",
        _("Cierre del sumario; informe hasta el %(v)s") % {"v": f"{plazo.vence:%d/%m/%Y}"},
        por=por,
        fuente="D202-II.20",
    )


@transaction.atomic
def presentar_informe(
    caso: CasoDisciplinario,
    *,
    por,
    irregularidad: str,
    responsabilidad: bool,
    antecedentes: str,
    sancion_aconsejada: str,
):
    """The officer's report to the Secretaría de Justicia (art. 20 a–d)."""
    _exigir_registro(por)
    irregularidad = _texto_obligatorio(
        irregularidad, "irregularidad", _("Indicá si los hechos son irregulares y la norma.")
    )
    sancion_aconsejada = _texto_obligatorio(
        sancion_aconsejada, "sancion_aconsejada", _("Aconsejá la sanción (o su ausencia).")
    )
    _mover(caso, (E.INFORME,), E.RESOLUCION)
    _cumplir(caso, [Papel.DISCIPLINA_INFORME], por=por)
    documento = _emitir(
        caso,
        TipoDocumento.INFORME_SUMARIO,
        _("Informe del instructor sumariante"),
        por=por,
        parrafos=[
            _("Informe a la Secretaría de Justicia (Decreto 202/2015, Anexo II, art. 20)."),
        ],
        datos=[
            [_("Instructor"), caso.instructor],
            [_("a) Irregularidad y norma afectada"), irregularidad],
            [
                _("b) Responsabilidad"),
                _("Se atribuye responsabilidad") if responsabilidad else _("Se exime"),
            ],
            [_("c) Antecedentes disciplinarios"), antecedentes.strip() or _("Sin antecedentes")],
            [_("d) Sanción aconsejada"), sancion_aconsejada],
        ],
        fuente="D202-II.20",
    )
    expediente.anotar(
        caso,
        "informe.presentado",
        _("Informe del instructor elevado a la Secretaría de Justicia"),
        por=por,
        fuente="D202-II.20",
        documento=documento,
    )
    return documento


@transaction.atomic
def archivar(caso: CasoDisciplinario, *, por, fundamento: str):
    """Not ratified and not credible (art. 9 c), or dismissed after the defence (art. 11)."""
    _exigir_registro(por)
    fundamento = _texto_obligatorio(fundamento, "fundamento", _("Fundá el archivo."))
    _mover(caso, (E.SIN_RATIFICAR, E.EVALUACION), E.ARCHIVADO)
    documento = _emitir(
        caso,
        TipoDocumento.RESOLUCION_DISCIPLINARIA,
        _("Resolución de archivo"),
        por=por,
        parrafos=[_("Se ordena el archivo de las actuaciones. %(f)s") % {"f": fundamento}],
        datos=[[_("Resultado"), _("Archivo (Anexo II, arts. 9 c y 11)")]],
        fuente="D202-II.9 c; II.11",
    )
    expediente.anotar(
        caso,
        "caso.archivado",
        _("Archivo: %(f)s") % {"f": fundamento},
        por=por,
        fuente="D202-II.9 c; II.11",
        documento=documento,
    )
    return documento


# ---------------------------------------------------------------- the decision and sanctions


def _validar_resultado(caso, resultado: str, dias: int | None) -> None:
    if resultado not in R.values:
        raise DatosInvalidos(_("Elegí el resultado."), campos={"resultado": [_("Obligatorio.")]})
    # Art. 3: warnings after the defence and opinions, without a sumario; suspension and
    # exclusion only after the sumario and the officer's report (arts. 17–21).
    permitidos = {E.RESOLUCION: set(R.values), E.EVALUACION: {R.LLAMADO, R.ADVERTENCIA}}
    if resultado not in permitidos.get(caso.estado, set()):
        raise ConflictoDeEstado(
            _(
                "Con el caso en la etapa «%(e)s» no se puede resolver «%(r)s»: la suspensión y "
                "la exclusión requieren sumario e informe del instructor."
            )
            % {"e": caso.get_estado_display(), "r": R(resultado).label}
        )
    if resultado == R.SUSPENSION and not (
        dias and SUSPENSION_MINIMA_DIAS <= dias <= SUSPENSION_MAXIMA_DIAS
    ):
        raise DatosInvalidos(
            _("La suspensión va de 5 días corridos a un año (Anexo II, art. 4)."),
            campos={"dias": [_("Entre 5 y 366 días corridos.")]},
        )


def mas_anios(fecha: datetime.date, anios: int) -> datetime.date:
    try:
        return fecha.replace(year=fecha.year + anios)
    except ValueError:  # 29 February
        return fecha.replace(year=fecha.year + anios, day=28)


@transaction.atomic
def resolver(
    caso: CasoDisciplinario,
    *,
    por,
    resultado: str,
    fundamentos: str,
    dias: int | None = None,
    perjuicio: str = "",
):
    """The Secretaría de Justicia's act (art. 21) or the Dirección's warning (art. 3), recorded
    by the registry (art. 21, last ¶). A suspension or exclusion takes effect on its reliable
    notice (art. 4): from then the conciliator is out of draws and choices, and the claims they
    hold then are reassigned as after an excusación."""
    _exigir_registro(por)
    fundamentos = _texto_obligatorio(fundamentos, "fundamentos", _("Fundá la resolución."))
    caso = CasoDisciplinario.objects.select_for_update().get(pk=caso.pk)
    _validar_resultado(caso, resultado, dias)
    _mover(caso, (E.RESOLUCION, E.EVALUACION), E.RESUELTO)
    efecto = _notificado_el()
    sancion, plazo = None, None
    if resultado == R.SUSPENSION:
        plazo = _abrir(caso, Papel.DISCIPLINA_SUSPENSION, efecto, por=por, cantidad=dias)
        sancion = Sancion.objects.create(
            conciliador=caso.conciliador,
            tipo=Sancion.Tipo.SUSPENSION,
            desde=efecto,
            hasta=plazo.vence,
            causal=caso.causal or _("Anexo II, art. 4"),
            resolucion=_("Caso %(n)s") % {"n": caso.numero},
            registrada_por=por,
        )
    elif resultado == R.EXCLUSION:
        plazo = _abrir(
            caso,
            Papel.DISCIPLINA_REHABILITACION,
            efecto,
            por=por,
            cantidad=(mas_anios(efecto, ANIOS_PARA_REHABILITAR) - efecto).days,
        )
        sancion = Sancion.objects.create(
            conciliador=caso.conciliador,
            tipo=Sancion.Tipo.EXCLUSION,
            desde=efecto,
            causal=caso.causal or _("Anexo II, art. 5"),
            resolucion=_("Caso %(n)s") % {"n": caso.numero},
            registrada_por=por,
        )
    CasoDisciplinario.objects.filter(pk=caso.pk).update(
        resultado=resultado, dias_suspension=dias if sancion and dias else None, sancion=sancion
    )
    caso.resultado, caso.sancion = resultado, sancion
    datos = [
        [_("a) Conclusión del procedimiento"), _("Concluido")],
        [
            _("b) Responsabilidad"),
            _("No") if resultado == R.SIN_RESPONSABILIDAD else _("Sí"),
        ],
        [
            _("c) Sanción"),
            R(resultado).label + (f" — {dias} días corridos" if sancion and dias else ""),
        ],
        [_("d) Perjuicio y reparación"), perjuicio.strip() or "—"],
    ]
    if sancion is not None:
        datos.append([_("Efecto desde (notificación)"), f"{sancion.desde:%d/%m/%Y}"])
        if sancion.hasta:
            datos.append([_("Hasta"), f"{sancion.hasta:%d/%m/%Y}"])
        else:
            datos.append([_("Rehabilitación posible desde"), f"{plazo.vence:%d/%m/%Y}"])
    documento = _emitir(
        caso,
        TipoDocumento.RESOLUCION_DISCIPLINARIA,
        _("Resolución del procedimiento disciplinario"),
        por=por,
        parrafos=[_("Fundamentos: %(f)s") % {"f": fundamentos}],
        datos=datos,
        fuente="D202-II.3; II.21",
    )
    expediente.anotar(
        caso,
        "caso.resuelto",
        _("Resolución: %(r)s") % {"r": R(resultado).label},
        por=por,
        fuente="D202-II.21",
        datos={"resultado": resultado, "dias": dias, "sancion": getattr(sancion, "pk", None)},
        documento=documento,
    )
    _avisar_al_conciliador(
        caso,
        _("Resolución — caso %(n)s") % {"n": caso.numero},
        _("Se dictó la resolución del caso: %(r)s.") % {"r": R(resultado).label},
    )
    if sancion is not None:
        apartar_de_sus_reclamos(sancion, caso=caso, por=por)
        from conciliadores.disciplina import ventanas

        ventanas.evaluar(conciliadores=[caso.conciliador_id])
    return documento


def apartar_de_sus_reclamos(sancion: Sancion, *, caso=None, por=None) -> list[int]:
    """From the sanction's effect the conciliator no longer holds claims where a hearing falls
    inside it: their designation ends and the claim follows the excusación path (T15:
    "redesignar", then a new draw in method a — the audiencias hooks pass or cancel the fixed
    hearing — or the Ministry's replacement in b/c). An exclusion ends every designation in
    course; a suspension those with a hearing in its days and those still without a hearing
    (AR-07 would run out while suspended). Returns the claims' ids."""
    from conciliadores.services.apartamiento import CON_CONCILIADOR, _continuar, _terminar
    from reclamos.transiciones import transicionar

    con_audiencia = reclamos_con_audiencia(sancion.conciliador_id, sancion.desde, sancion.hasta)
    designaciones = (
        Designacion.objects.filter(conciliador_id=sancion.conciliador_id, activa=True)
        .select_related("reclamo")
        .order_by("pk")
    )
    movidos = []
    for designacion in designaciones:
        reclamo = Reclamo.objects.select_for_update().get(pk=designacion.reclamo_id)
        if reclamo.estado not in CON_CONCILIADOR:
            continue
        sin_audiencia = reclamo.estado == EstadoReclamo.CONCILIADOR_DESIGNADO
        if sancion.tipo == Sancion.Tipo.SUSPENSION and not (
            reclamo.pk in con_audiencia or sin_audiencia
        ):
            continue
        _terminar(designacion, Designacion.Fin.SANCION)
        # The portal's own act: the registry's decision is its cause (por=None, role "sistema").
        transicionar(
            reclamo,
            "redesignar",
            por=None,
            datos={
                "motivo": "sanción",
                "texto": _("%(c)s quedó %(s)s desde el %(f)s: nueva designación")
                % {
                    "c": designacion.conciliador,
                    "s": _("excluido/a")
                    if sancion.tipo == Sancion.Tipo.EXCLUSION
                    else _("suspendido/a"),
                    "f": f"{sancion.desde:%d/%m/%Y}",
                },
            },
        )
        _continuar(reclamo, por=None)
        movidos.append(reclamo.pk)
    if caso is not None and movidos:
        expediente.anotar(
            caso,
            "sancion.reasignacion",
            _("Reclamos reasignados por la sanción: %(n)s") % {"n": len(movidos)},
            por=por,
            fuente="D202-I.7; D202-II.4–5",
            datos={"reclamos": movidos},
        )
    return movidos


@transaction.atomic
def rehabilitar(sancion: Sancion, *, por, el: datetime.date, fundamento: str) -> Sancion:
    """D202-II.6: once only, by reasoned resolution, after at least 3 years of effective
    exclusion and the end of any criminal sentence."""
    _exigir_registro(por)
    fundamento = _texto_obligatorio(
        fundamento, "motivo", _("Indicá la resolución fundada que rehabilita.")
    )
    sancion = Sancion.objects.select_for_update().get(pk=sancion.pk)
    if sancion.tipo != Sancion.Tipo.EXCLUSION:
        raise DatosInvalidos(_("Solo se rehabilita a quien fue excluido del registro."))
    if sancion.levantada_el is not None:
        raise ConflictoDeEstado(_("Esta exclusión ya fue levantada."))
    previa = (
        Sancion.objects.filter(conciliador_id=sancion.conciliador_id, rehabilitacion=True)
        .order_by("levantada_el")
        .first()
    )
    if previa is not None:
        raise ConflictoDeEstado(
            _(
                "La rehabilitación procede por única vez (Decreto 202/2015, Anexo II, art. 6): "
                "este conciliador ya fue rehabilitado el %(f)s."
            )
            % {"f": f"{previa.levantada_el:%d/%m/%Y}"}
        )
    minimo = mas_anios(sancion.desde, ANIOS_PARA_REHABILITAR)
    if el < minimo:
        raise DatosInvalidos(
            _(
                "La rehabilitación exige tres años de aplicación efectiva de la exclusión "
                "(Anexo II, art. 6): procede desde el %(f)s."
            )
            % {"f": f"{minimo:%d/%m/%Y}"},
            campos={"el": [_("Antes de los tres años.")]},
        )
    Sancion.objects.filter(pk=sancion.pk).update(
        levantada_el=el, levantada_por=por, motivo_levantamiento=fundamento, rehabilitacion=True
    )
    sancion.refresh_from_db()
    caso = CasoDisciplinario.objects.filter(sancion=sancion).first()
    if caso is not None:
        documento = _emitir(
            caso,
            TipoDocumento.RESOLUCION_DISCIPLINARIA,
            _("Resolución de rehabilitación"),
            por=por,
            parrafos=[_("Se rehabilita al conciliador, por única vez. %(f)s") % {"f": fundamento}],
            datos=[
                [_("Exclusión desde"), f"{sancion.desde:%d/%m/%Y}"],
                [_("Rehabilitado desde"), f"{el:%d/%m/%Y}"],
            ],
            fuente="D202-II.6",
        )
        expediente.anotar(
            caso,
            "rehabilitacion",
            _("Rehabilitación (única) desde el %(f)s") % {"f": f"{el:%d/%m/%Y}"},
            por=por,
            fuente="D202-II.6",
            documento=documento,
        )
    return sancion
