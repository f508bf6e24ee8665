"""The sanction case (DOMAIN-CABA §2 C20–C27): imputación, descargo, prueba, para resolver,
the Director General's disposición, publication, recurso directo and the Registro de Infractores.

Who acts: the legal area (the régimen's staff roles) instructs; the disposición is signed by the
Director General, the deployment's administrador role (docs/decisions/0032-caba.md); the charged
provider's representatives file the descargo. Terms (CABA-07, 08, 09, 11) run on the sumario.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.alcance import actua_en
from cuentas.permisos import organizaciones_representadas
from cuentas.roles import Rol
from cuentas.templatetags.formato import moneda, numero
from normativa.regimenes import Papel
from normativa.regimenes.caba import CODIGO, CRITERIOS_ART_49, MULTA_LDC, SANCIONES_LDC
from normativa.valores import valor
from plazos import services as plazos
from sumarios.models import (
    Descargo,
    Disposicion,
    Prueba,
    RecursoDirecto,
    RegistroInfractor,
    Sumario,
)
from sumarios.services.denuncia import decimal_positivo, regimen, valor_vigente

E = Sumario.Estado
DIRECTOR_GENERAL = Rol.ADMINISTRADOR


def es_personal(usuario) -> bool:
    """The Ciudad's staff: a role the definition names, with CABA in scope (decision 0038)."""
    return actua_en(usuario, regimen().codigo)


def es_sumariado(usuario, sumario: Sumario) -> bool:
    """A representative of the charged provider (a registered organisation)."""
    if getattr(usuario, "rol", None) != Rol.REPRESENTANTE or sumario.organizacion_id is None:
        return False
    return organizaciones_representadas(usuario).filter(pk=sumario.organizacion_id).exists()


def _exigir_personal(usuario) -> None:
    if not es_personal(usuario):
        raise AccesoDenegado(_("Solo el área jurídica de la Dirección actúa en el sumario."))


def _bloquear(sumario: Sumario, *estados) -> Sumario:
    sumario = Sumario.objects.select_for_update().get(pk=sumario.pk)
    if estados and sumario.estado not in estados:
        raise ConflictoDeEstado(
            _("No corresponde con el sumario en estado «%(e)s».")
            % {"e": sumario.get_estado_display()},
            codigo="invalid_state",
        )
    return sumario


def _codigo(papel: Papel) -> str:
    return regimen().codigo_de(papel)


def _abrir(sumario: Sumario, papel: Papel, por) -> None:
    """Opens the term; a length staff keep as a dated value (PLAZO-CABA-nn, decision 0031) wins
    over the definition's default."""
    codigo, hoy = _codigo(papel), timezone.localdate()
    dias = valor(f"PLAZO-{codigo}", hoy)
    plazos.abrir_plazo(
        sujeto=sumario,
        tipo=codigo,
        desde=hoy,
        regimen=CODIGO,
        por=por,
        cantidad=int(dias) if dias else None,
    )


def _cumplir(sumario: Sumario, *papeles: Papel, por) -> None:
    plazos.cumplir_plazos(sujeto=sumario, tipos=tuple(_codigo(p) for p in papeles), por=por)


def _emitir(sumario: Sumario, *, tipo: str, plantilla: str, snapshot: dict, por, titulo: str):
    from documentos.services import emitir_documento

    return emitir_documento(
        tipo=tipo,
        plantilla=plantilla,
        snapshot={
            "sumario_numero": sumario.numero,
            "expediente": sumario.reclamo.numero if sumario.reclamo_id else "",
            "sumariado": f"{sumario.razon_social} (CUIT {sumario.cuit})",
            "domicilio": sumario.domicilio,
            "agencia": regimen().texto("agencia"),
            **snapshot,
        },
        por=por,
        sujeto=sumario,
        regimen=(CODIGO, regimen().version),
        titulo=f"{titulo} — {sumario.numero}",
    )


@transaction.atomic
def imputar(sumario: Sumario, *, por, hechos: str, normas: str) -> Sumario:
    """C20: the charge, notified to the provider; CABA-07 (descargo, L) runs."""
    _exigir_personal(por)
    sumario = _bloquear(sumario, E.ABIERTO)
    if not hechos.strip() or not normas.strip():
        raise DatosInvalidos(
            _("La imputación necesita los hechos y las normas presuntamente infringidas."),
            campos={
                c: [_("Obligatorio.")]
                for c, v in (("hechos", hechos), ("normas", normas))
                if not v.strip()
            },
        )
    multas = list(sumario.reclamo.multas_incomparecencia.all()) if sumario.reclamo_id else []
    descargo = regimen().plazo_de(Papel.DESCARGO)
    sumario.imputacion = _emitir(
        sumario,
        tipo="imputacion",
        plantilla="caba/imputacion",
        snapshot={
            "hechos": hechos.strip(),
            "normas": normas.strip(),
            "plazo_descargo": f"{descargo.duracion} días hábiles administrativos",
            "plazo_verificar": descargo.confianza == "L",
            "multas": [
                f"Multa por incomparecencia: {numero(m.unidades)} UF ({moneda(m.monto)})"
                for m in multas
            ],
        },
        por=por,
        titulo="Disposición de imputación",
    )
    sumario.hechos = hechos.strip()
    sumario.normas_imputadas = normas.strip()
    sumario.imputado_en = timezone.now()
    sumario.estado = E.IMPUTADO
    sumario.save()
    _abrir(sumario, Papel.DESCARGO, por)
    return sumario


@transaction.atomic
def presentar_descargo(
    sumario: Sumario, *, por, texto: str, pruebas: list[str] = (), archivos=()
) -> Descargo:
    """C21: the provider's defence, its documents and the evidence it offers. A descargo after
    CABA-07 is received and marked late (the term is L: staff decide, never the portal)."""
    from documentos.services import guardar_subida

    if not (es_sumariado(por, sumario) or es_personal(por)):
        raise AccesoDenegado(_("Solo el sumariado presenta su descargo."))
    sumario = _bloquear(sumario, E.IMPUTADO)
    if not texto.strip():
        raise DatosInvalidos(_("Escribí el descargo."), campos={"texto": [_("Obligatorio.")]})
    vence = vence_de(sumario, Papel.DESCARGO)
    vencido = vence is not None and vence < timezone.localdate()
    descargo = Descargo.objects.create(
        sumario=sumario, texto=texto.strip(), presentado_por=por, fuera_de_termino=vencido
    )
    for descripcion in pruebas:
        if descripcion.strip():
            Prueba.objects.create(
                sumario=sumario, descargo=descargo, descripcion=descripcion.strip()[:500]
            )
    for archivo in archivos:
        guardar_subida(archivo, por=por, sujeto=sumario, categoria="descargo")
    _cumplir(sumario, Papel.DESCARGO, por=por)
    return descargo


def vence_de(sumario: Sumario, papel: Papel):
    """Due date of the sumario's latest term of `papel` (None if never opened)."""
    from plazos.models import Plazo

    return (
        Plazo.objects.filter(
            content_type__app_label="sumarios",
            content_type__model="sumario",
            object_id=sumario.pk,
            tipo=_codigo(papel),
        )
        .order_by("-pk")
        .values_list("vence", flat=True)
        .first()
    )


def sumario_plazo_vencido(sumario: Sumario, papel: Papel) -> bool:
    from plazos.models import Plazo

    # Expired: marked so by the sweeper, or still open past its due date (the sweeper has not
    # passed yet).
    return (
        Plazo.objects.filter(
            content_type__app_label="sumarios",
            content_type__model="sumario",
            object_id=sumario.pk,
            tipo=_codigo(papel),
        )
        .filter(
            Q(estado=Plazo.Estado.VENCIDO)
            | Q(estado__in=Plazo.ABIERTOS, vence__lt=timezone.localdate())
        )
        .exists()
    )


@transaction.atomic
def abrir_prueba(sumario: Sumario, *, por) -> Sumario:
    """C21: evidence opened; CABA-08 (L) runs."""
    _exigir_personal(por)
    sumario = _bloquear(sumario, E.IMPUTADO)
    _cumplir(sumario, Papel.DESCARGO, por=por)
    sumario.estado = E.EN_PRUEBA
    sumario.save(update_fields=["estado", "actualizado_en"])
    _abrir(sumario, Papel.PRUEBA, por)
    return sumario


@transaction.atomic
def resolver_prueba(prueba: Prueba, *, por, admitir: bool, motivo: str = "") -> Prueba:
    """Ley 757 art. 12 a (J03F): manifestly irrelevant evidence may be rejected, with reasons."""
    _exigir_personal(por)
    _bloquear(prueba.sumario, E.IMPUTADO, E.EN_PRUEBA)
    if not admitir and not motivo.strip():
        raise DatosInvalidos(
            _("Fundá por qué la prueba es inconducente."),
            campos={"motivo": [_("Obligatorio.")]},
        )
    prueba.estado = Prueba.Estado.ADMITIDA if admitir else Prueba.Estado.RECHAZADA
    prueba.motivo_rechazo = "" if admitir else motivo.strip()
    prueba.resuelta_por = por
    prueba.save(update_fields=["estado", "motivo_rechazo", "resuelta_por"])
    return prueba


@transaction.atomic
def pasar_a_resolver(sumario: Sumario, *, por) -> Sumario:
    """C22: evidence closed (or none): "pasen a resolver"."""
    _exigir_personal(por)
    sumario = _bloquear(sumario, E.IMPUTADO, E.EN_PRUEBA)
    if sumario.pruebas.filter(estado=Prueba.Estado.OFRECIDA).exists():
        raise ConflictoDeEstado(_("Resolvé primero cada prueba ofrecida (admitir o rechazar)."))
    _cumplir(sumario, Papel.DESCARGO, Papel.PRUEBA, por=por)
    sumario.estado = E.PARA_RESOLVER
    sumario.save(update_fields=["estado", "actualizado_en"])
    return sumario


def _validar_sancion(sumario, sanciones, multa_cbt, criterios, dano_directo):
    desconocidas = [s for s in sanciones if s not in SANCIONES_LDC]
    if not sanciones or desconocidas:
        raise DatosInvalidos(
            _("Elegí al menos una sanción del art. 47 de la LDC."),
            campos={"sanciones": [_("Inválida.")]},
        )
    if "multa" in sanciones:
        multa_cbt = decimal_positivo(multa_cbt, "multa_cbt")
        hoy = timezone.localdate()
        minimo = valor("MULTA-LDC-MIN", hoy, MULTA_LDC.minimo)
        maximo = valor("MULTA-LDC-MAX", hoy, MULTA_LDC.maximo)
        if not (minimo <= multa_cbt <= maximo):
            raise DatosInvalidos(
                _("La multa va de 0,5 a 2.100 Canastas Básicas Totales (LDC art. 47 b)."),
                campos={"multa_cbt": [_("Fuera del rango legal.")]},
            )
    elif multa_cbt not in (None, ""):
        raise DatosInvalidos(
            _("Indicaste un monto sin elegir la multa."), campos={"multa_cbt": ["?"]}
        )
    else:
        multa_cbt = None
    criterios = {k: str(v).strip() for k, v in (criterios or {}).items() if str(v).strip()}
    if not criterios or any(k not in CRITERIOS_ART_49 for k in criterios):
        raise DatosInvalidos(
            _("Graduá la sanción con los criterios del art. 49 de la LDC, por escrito."),
            campos={"criterios": [_("Escribí al menos un criterio.")]},
        )
    reclamado = sumario.reclamo_id and getattr(sumario.reclamo, "denuncia_caba", None)
    if dano_directo not in (None, ""):
        if not (reclamado and reclamado.dano_directo_reclamado):
            raise DatosInvalidos(
                _("El daño directo solo se fija si el denunciante lo reclamó al denunciar."),
                campos={"dano_directo": [_("No fue reclamado.")]},
            )
        dano_directo = decimal_positivo(dano_directo, "dano_directo")
    else:
        dano_directo = None
    return multa_cbt, criterios, dano_directo


@transaction.atomic
def dictar_disposicion(
    sumario: Sumario,
    *,
    por,
    tipo: str,
    fundamentos: str,
    sanciones: list[str] = (),
    multa_cbt=None,
    criterios: dict | None = None,
    dano_directo=None,
    deposito_previo: bool = False,
) -> Disposicion:
    """C23: the Director General's disposición (PDF). A sanction lists its LDC art. 47 measures,
    a fine in CBT at the CBT value of the act's date (stored), the art. 49 grading in writing,
    and the daño directo apart; CABA-09 (recurso directo) and CABA-11 (publication) run."""
    if getattr(por, "rol", None) != DIRECTOR_GENERAL:
        raise AccesoDenegado(_("La disposición la firma la Dirección General."))
    sumario = _bloquear(sumario, E.PARA_RESOLVER)
    if not fundamentos.strip():
        raise DatosInvalidos(
            _("La disposición necesita fundamentos."), campos={"fundamentos": [_("Obligatorio.")]}
        )
    if tipo not in Disposicion.Tipo.values:
        raise DatosInvalidos(_("Elegí sanción o sobreseimiento."), campos={"tipo": ["?"]})
    hoy = timezone.localdate()
    valor = None
    if tipo == Disposicion.Tipo.SANCION:
        multa_cbt, criterios, dano_directo = _validar_sancion(
            sumario, list(sanciones), multa_cbt, criterios, dano_directo
        )
        if multa_cbt is not None:
            valor = valor_vigente(MULTA_LDC.unidad, hoy)
    else:
        sanciones, multa_cbt, criterios, dano_directo = [], None, {}, None
    monto = (multa_cbt * valor.valor).quantize(Decimal("0.01")) if valor else None
    disposicion = Disposicion(
        sumario=sumario,
        tipo=tipo,
        sanciones=list(sanciones),
        multa_cbt=multa_cbt,
        valor_cbt=valor.valor if valor else None,
        fuente_cbt=valor.fuente if valor else "",
        monto_multa=monto,
        criterios=criterios,
        fundamentos=fundamentos.strip(),
        dano_directo=dano_directo,
        deposito_previo=deposito_previo,
        firmada_por=por,
    )
    recurso = regimen().plazo_de(Papel.RECURSO_DIRECTO)
    disposicion.documento = _emitir(
        sumario,
        tipo="disposicion",
        plantilla="caba/disposicion",
        snapshot={
            "tipo": tipo,
            "sanciones": [SANCIONES_LDC[s] for s in sanciones],
            "multa_cbt": str(multa_cbt) if multa_cbt is not None else "",
            "valor_cbt": str(valor.valor) if valor else "",
            "fuente_cbt": valor.fuente if valor else "",
            "monto_multa": str(monto) if monto is not None else "",
            "criterios": [[CRITERIOS_ART_49[k], v] for k, v in criterios.items()],
            "fundamentos": fundamentos.strip(),
            "dano_directo": str(dano_directo) if dano_directo is not None else "",
            "deposito_previo": deposito_previo,
            "firmante": por.nombre_completo or por.email,
            "fecha": f"{hoy:%d/%m/%Y}",
            "plazo_recurso": f"{recurso.duracion} días hábiles",
            "plazo_recurso_verificar": recurso.confianza == "L",
            "plazo_publicacion": regimen().plazo_de(Papel.PUBLICACION).duracion,
        },
        por=por,
        titulo="Disposición de la Dirección General",
    )
    disposicion.save()
    sumario.estado = E.SANCIONADO if tipo == Disposicion.Tipo.SANCION else E.SOBRESEIDO
    sumario.save(update_fields=["estado", "actualizado_en"])
    if tipo == Disposicion.Tipo.SANCION:
        _abrir(sumario, Papel.RECURSO_DIRECTO, por)
        _abrir(sumario, Papel.PUBLICACION, por)
    return disposicion


@transaction.atomic
def registrar_recurso_directo(
    sumario: Sumario, *, por, presentado_en, deposito_acreditado: bool, observaciones: str = ""
) -> RecursoDirecto:
    """C24: recorded, never refused for a missing deposit (Q3), and not suspensive (Ley
    5.591): the sanction keeps running (publication term included)."""
    if not (es_personal(por) or es_sumariado(por, sumario)):
        raise AccesoDenegado(_("No podés registrar un recurso en este sumario."))
    sumario = _bloquear(sumario, E.SANCIONADO)
    recurso = RecursoDirecto.objects.create(
        sumario=sumario,
        presentado_en=presentado_en,
        deposito_acreditado=bool(deposito_acreditado),
        observaciones=observaciones.strip(),
        registrado_por=por,
    )
    _cumplir(sumario, Papel.RECURSO_DIRECTO, por=por)
    return recurso


@transaction.atomic
def resolver_recurso(recurso: RecursoDirecto, *, por, resultado: str) -> RecursoDirecto:
    """C25: the Cámara's judgment, recorded by staff."""
    _exigir_personal(por)
    _bloquear(recurso.sumario, E.SANCIONADO)
    if resultado not in RecursoDirecto.Resultado.values or resultado == "pendiente":
        raise DatosInvalidos(_("Elegí el resultado."), campos={"resultado": ["?"]})
    recurso.resultado = resultado
    recurso.save(update_fields=["resultado"])
    return recurso


@transaction.atomic
def acreditar_publicacion(sumario: Sumario, *, por) -> Disposicion:
    """C26: the offender proved the publication (CABA-11, 30 DHA)."""
    if not (es_personal(por) or es_sumariado(por, sumario)):
        raise AccesoDenegado(_("No podés actuar en este sumario."))
    sumario = _bloquear(sumario, E.SANCIONADO, E.FIRME)
    disposicion = sumario.disposicion
    disposicion.publicacion_acreditada_en = timezone.now()
    disposicion.save(update_fields=["publicacion_acreditada_en"])
    _cumplir(sumario, Papel.PUBLICACION, por=por)
    return disposicion


@transaction.atomic
def declarar_firme(sumario: Sumario, *, por) -> RegistroInfractor:
    """C25/C27: the sanction is firm (no appeal pending, or the Cámara confirmed or modified
    it) and the offender enters the Registro de Infractores (Decreto 234/2001 fields)."""
    _exigir_personal(por)
    sumario = _bloquear(sumario, E.SANCIONADO)
    recursos = list(sumario.recursos.all())
    if any(r.resultado == RecursoDirecto.Resultado.PENDIENTE for r in recursos):
        raise ConflictoDeEstado(_("Hay un recurso directo en trámite ante la Cámara."))
    if any(r.resultado == RecursoDirecto.Resultado.REVOCADA for r in recursos):
        raise ConflictoDeEstado(_("La Cámara revocó la sanción: no se inscribe."))
    if not recursos and not sumario_plazo_vencido(sumario, Papel.RECURSO_DIRECTO):
        raise ConflictoDeEstado(_("Todavía corre el plazo del recurso directo."))
    _cumplir(sumario, Papel.RECURSO_DIRECTO, por=por)
    disposicion = sumario.disposicion
    sumario.estado = E.FIRME
    sumario.save(update_fields=["estado", "actualizado_en"])
    partes = [SANCIONES_LDC[s] for s in disposicion.sanciones]
    if disposicion.multa_cbt is not None:
        partes.append(
            f"Multa de {numero(disposicion.multa_cbt)} CBT ({moneda(disposicion.monto_multa)})"
        )
    return RegistroInfractor.objects.create(
        sumario=sumario,
        razon_social=sumario.razon_social,
        cuit=sumario.cuit,
        domicilio=sumario.domicilio,
        actividad=sumario.actividad,
        expediente=sumario.numero,
        disposicion_numero=disposicion.documento.numero_visible,
        disposicion_fecha=timezone.localtime(disposicion.firmada_en).date(),
        sancion="; ".join(partes),
    )
