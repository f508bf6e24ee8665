"""The CABA denuncia up to the end of the conciliation (DOMAIN-CABA §2 C1–C19): filing (online,
with daño directo claimed at filing), admission, the SNEDC intimation, the non-appearance fine
(art. 9 d) and the passage to the sumario. Hearings themselves are audiencias.services.mediacion
(an agency official conducts: Regimen.audiencias)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.alcance import actua_en
from cuentas.identificadores import validar_cuit
from cuentas.models import Organizacion, Usuario
from cuentas.roles import Rol
from cuentas.templatetags.formato import numero
from normativa.models import ValorReferencia
from normativa.regimenes import TrasFracaso, obtener
from normativa.regimenes.caba import CODIGO, MODALIDADES
from normativa.regimenes.vigencia import admite_presentaciones, motivo_cierre
from normativa.valores import valor as valor_fechado
from reclamos.estados import Estado
from reclamos.models import Reclamo, ReclamoProveedor
from reclamos.numeracion import siguiente_numero
from reclamos.transiciones import hoy_en, transicionar
from sumarios.models import Denuncia, MultaIncomparecencia, Sumario

OBLIGATORIOS = {
    "nombre": _("Tu nombre"),
    "apellido": _("Tu apellido"),
    "dni": _("Tu DNI"),
    "domicilio": _("Tu domicilio"),
    "email": _("Tu correo"),
    "hechos": _("Qué pasó"),
    "pedido": _("Qué le pedís a la empresa"),
    "cuit": _("El CUIT de la empresa"),
    "razon_social": _("El nombre de la empresa"),
}


def regimen():
    return obtener(CODIGO)


def es_caba(reclamo: Reclamo) -> bool:
    return reclamo.regimen_codigo == CODIGO


def decimal_positivo(valor, campo: str) -> Decimal:
    try:
        numero = Decimal(str(valor).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DatosInvalidos(_("Ingresá un número."), campos={campo: [_("Inválido.")]}) from None
    if not numero.is_finite() or numero <= 0:
        raise DatosInvalidos(
            _("El monto debe ser mayor que cero."), campos={campo: [_("Inválido.")]}
        )
    return numero


def _limpiar(datos: dict) -> dict:
    faltan = {
        c: [_("Falta: %(n)s.") % {"n": str(n).lower()}]
        for c, n in OBLIGATORIOS.items()
        if not str(datos.get(c, "")).strip()
    }
    for declaracion in ("consumidor_final", "en_caba"):
        if not datos.get(declaracion):
            faltan[declaracion] = [_("Tenés que declararlo para hacer la denuncia.")]
    if faltan:
        raise DatosInvalidos(_("Completá los datos que faltan."), campos=faltan)
    try:
        cuit = validar_cuit(str(datos["cuit"]))
    except Exception:
        raise DatosInvalidos(
            _("El CUIT no es válido."), campos={"cuit": [_("Revisá los 11 números.")]}
        ) from None
    limpio = {**datos, "cuit": cuit}
    if datos.get("dano_directo"):
        limpio["dano_directo_monto"] = decimal_positivo(
            datos.get("dano_directo_monto"), "dano_directo_monto"
        )
        if not str(datos.get("dano_directo_detalle", "")).strip():
            raise DatosInvalidos(
                _("Contanos qué bien se dañó."),
                campos={"dano_directo_detalle": [_("Obligatorio.")]},
            )
    modalidad = datos.get("modalidad") or ""
    if modalidad and modalidad not in MODALIDADES:
        raise DatosInvalidos(_("Elegí una modalidad."), campos={"modalidad": [_("Inválida.")]})
    return limpio


@transaction.atomic
def presentar_denuncia(
    *, consumidor: Usuario, datos: dict, por: Usuario | None = None, canal: str = "en_linea"
) -> Reclamo:
    """C1/C2 (online) or C1b (staff at a Comuna, `por`): the denuncia is numbered, the
    provider named by CUIT, the daño directo claimed now or never (Decreto 714/2010), and the
    claim goes to analysis."""
    por = por or consumidor
    if por.rol == Rol.CONSUMIDOR and por.pk != consumidor.pk:
        raise AccesoDenegado(_("Solo podés denunciar en tu nombre."))
    if por.rol not in {Rol.CONSUMIDOR, Rol.FUNCIONARIO}:
        raise AccesoDenegado(_("Solo el consumidor o el personal de la Comuna cargan denuncias."))
    definicion = regimen()
    datos = _limpiar(datos)
    hoy = timezone.localdate()
    if not admite_presentaciones(definicion.codigo, hoy):
        raise ConflictoDeEstado(motivo_cierre(definicion.codigo), codigo="regimen_closed")
    reclamo = Reclamo.objects.create(
        numero=siguiente_numero(prefijo=definicion.prefijo_numero, anio=hoy.year),
        regimen_codigo=definicion.codigo,
        regimen_version=definicion.version,
        consumidor=consumidor,
        cargado_por=por if por.pk != consumidor.pk else None,
        consumidor_nombre=datos["nombre"].strip(),
        consumidor_apellido=datos["apellido"].strip(),
        consumidor_dni=str(datos["dni"]).strip(),
        consumidor_domicilio=datos["domicilio"].strip(),
        consumidor_email=datos["email"].strip().lower(),
        consumidor_telefono=str(datos.get("telefono", "")).strip(),
        hechos=datos["hechos"].strip(),
        objeto=datos["pedido"].strip(),
        presentado_en=timezone.now(),
    )
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR, identificador=datos["cuit"]
        ).first(),
        tipo_identificador="CUIT",
        identificador=datos["cuit"],
        razon_social=datos["razon_social"].strip(),
        domicilio_legal=str(datos.get("domicilio_proveedor", "")).strip(),
    )
    Denuncia.objects.create(
        reclamo=reclamo,
        canal=canal,
        materia=datos.get("materia") or Denuncia.Materia.LDC,
        modalidad_preferida=datos.get("modalidad") or "",
        dano_directo_reclamado=bool(datos.get("dano_directo")),
        dano_directo_monto=datos.get("dano_directo_monto") if datos.get("dano_directo") else None,
        dano_directo_detalle=str(datos.get("dano_directo_detalle", "")).strip(),
        numero_vuf=datos.get("numero_vuf", "") if canal == Denuncia.Canal.VUF else "",
    )
    transicionar(
        reclamo,
        "presentar",
        por=por,
        datos={
            "numero": reclamo.numero,
            "dano_directo": str(datos.get("dano_directo_monto", "")),
            "canal": canal,
            **({"numero_vuf": datos["numero_vuf"]} if canal == Denuncia.Canal.VUF else {}),
        },
    )
    return reclamo


def vuf_habilitada() -> bool:
    """Whether this deployment takes claims routed by the national VUF (decision 0038)."""
    from django.conf import settings

    return bool(getattr(settings, "CABA_VUF_HABILITADA", False))


def numero_vuf_limpio(valor) -> str:
    numero = str(valor or "").strip().upper()
    if not numero:
        raise DatosInvalidos(
            _("Indicá el número del reclamo en la Ventanilla Única Federal."),
            campos={"numero_vuf": [_("Obligatorio.")]},
        )
    if len(numero) > 40 or not all(c.isalnum() or c in "-/." for c in numero):
        raise DatosInvalidos(
            _("El número de la VUF tiene caracteres que no corresponden."),
            campos={"numero_vuf": [_("Usá letras, números, guiones, barras o puntos.")]},
        )
    return numero


def _vuf_cargada(numero: str) -> bool:
    return Denuncia.objects.filter(numero_vuf=numero).exists()


def _vuf_ya_derivada(numero: str) -> ConflictoDeEstado:
    existente = (
        Denuncia.objects.filter(numero_vuf=numero).select_related("reclamo").only("reclamo__numero")
    ).first()
    return ConflictoDeEstado(
        _("El reclamo %(vuf)s de la VUF ya está cargado como denuncia N.º %(n)s.")
        % {"vuf": numero, "n": existente.reclamo.numero if existente else "—"},
        codigo="duplicate_vuf",
    )


def presentar_desde_vuf(*, por: Usuario, datos: dict) -> tuple[Reclamo, bool]:
    """C1c: a claim the national Ventanilla Única Federal routed to the Ciudad is filed as a
    denuncia on channel VUF, with the VUF's number (unique: the same VUF claim twice is a 409
    `duplicate_vuf`). `por` is the Ciudad's official (or the one whose API key the VUF
    integration uses); the consumer's account follows the Comuna intake's rule. Only with
    settings.CABA_VUF_HABILITADA."""
    if not vuf_habilitada():
        raise AccesoDenegado(
            _("La derivación desde la Ventanilla Única Federal no está habilitada.")
        )
    numero = numero_vuf_limpio(datos.get("numero_vuf"))
    if _vuf_cargada(numero):
        raise _vuf_ya_derivada(numero)
    try:
        with transaction.atomic():
            return presentar_en_comuna(
                por=por, datos={**datos, "numero_vuf": numero}, canal=Denuncia.Canal.VUF
            )
    except IntegrityError:
        # Two deliveries of the same VUF claim at once: the unique constraint decides.
        if _vuf_cargada(numero):
            raise _vuf_ya_derivada(numero) from None
        raise


def presentar_en_comuna(
    *, por: Usuario, datos: dict, canal: str = Denuncia.Canal.COMUNA
) -> tuple[Reclamo, bool]:
    """C1b: an official of the Ciudad files the denuncia of a consumer who came to a Sede Comunal.
    The consumer's account is the one of that verified e-mail, or a new one without password that
    the consumer claims by "Solicitar una nueva contraseña" (the office intake's rule). Returns
    the denuncia and whether the account is new. C1c (presentar_desde_vuf) files through here with
    channel VUF."""
    from reclamos.services.oficina import cuenta_para_oficina

    definicion = regimen()
    if not actua_en(por, definicion.codigo):
        raise AccesoDenegado(_("Solo el personal de la Dirección carga denuncias en la Comuna."))
    faltan = [
        c for c in ("email", "nombre", "apellido", "dni") if not str(datos.get(c, "")).strip()
    ]
    if faltan:
        raise DatosInvalidos(
            _("Completá los datos de la persona denunciante."),
            campos={c: [_("Obligatorio.")] for c in faltan},
        )
    with transaction.atomic():
        consumidor, nueva = cuenta_para_oficina(
            email=str(datos["email"]),
            por=por,
            regimen=definicion,
            nombre=str(datos["nombre"]).strip(),
            apellido=str(datos["apellido"]).strip(),
            dni=str(datos["dni"]).strip(),
            telefono=str(datos.get("telefono", "")).strip(),
        )
        reclamo = presentar_denuncia(consumidor=consumidor, datos=datos, por=por, canal=canal)
    return reclamo, nueva


def _exigir_caba(reclamo: Reclamo) -> None:
    if not es_caba(reclamo):
        raise ConflictoDeEstado(_("Este expediente no tramita ante la Ciudad."))


def valor_vigente(tipo: str, fecha) -> ValorReferencia:
    """The dated value (UF, CBT) in force on `fecha`: staff load it with its source (Q10); an
    act never runs on a value nobody loaded."""
    fila = ValorReferencia.vigente(tipo, fecha)
    if fila is None:
        raise DatosInvalidos(
            _(
                "No hay un valor de %(t)s cargado vigente al %(f)s: cargalo con su norma en "
                "Valores de referencia."
            )
            % {"t": tipo, "f": f"{fecha:%d/%m/%Y}"},
            campos={"valor": [_("Falta el valor vigente.")]},
        )
    return fila


@transaction.atomic
def multar_incomparecencia(
    reclamo: Reclamo, *, por: Usuario, unidades, fundamentos: str
) -> MultaIncomparecencia:
    """C15: CABA-01 passed (or the excuse was rejected): the conciliation failed, the provider
    is fined in UF within the art. 9 d range at the UF value of the hearing's date, the fine act
    is issued, and the file goes to the legal area as a sumario."""
    from audiencias.models import Audiencia
    from documentos.services import emitir_documento

    _exigir_caba(reclamo)
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if reclamo.estado != Estado.INCOMPARECENCIA_PROVEEDOR:
        raise ConflictoDeEstado(_("No hay una incomparecencia del denunciado pendiente."))
    multa = regimen().multa_incomparecencia
    unidades = decimal_positivo(unidades, "unidades")
    # The range is a dated value staff maintain (decision 0031); the definition's is the default.
    hoy = hoy_en(reclamo)
    minimo = valor_fechado("MULTA-INCOMPARECENCIA-CABA-MIN", hoy, multa.minimo)
    maximo = valor_fechado("MULTA-INCOMPARECENCIA-CABA-MAX", hoy, multa.maximo)
    if not (minimo <= unidades <= maximo):
        raise DatosInvalidos(
            _("La multa va de %(a)s a %(b)s unidades fijas (%(f)s).")
            % {"a": numero(minimo), "b": numero(maximo), "f": multa.fuente},
            campos={"unidades": [_("Fuera del rango legal.")]},
        )
    if not fundamentos.strip():
        raise DatosInvalidos(_("Fundá la multa."), campos={"fundamentos": [_("Obligatorio.")]})
    audiencia = (
        reclamo.audiencias.filter(resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR)
        .order_by("-inicio")
        .first()
    )
    fecha = (
        timezone.localtime(audiencia.inicio).date() if audiencia is not None else hoy_en(reclamo)
    )
    valor = valor_vigente(multa.unidad, fecha)
    proveedor = reclamo.proveedores.order_by("pk").first()
    monto = (unidades * valor.valor).quantize(Decimal("0.01"))
    documento = emitir_documento(
        tipo="multa_incomparecencia",
        plantilla="caba/multa_incomparecencia",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "proveedor": f"{proveedor.razon_social} (CUIT {proveedor.identificador})",
            "fecha_audiencia": f"{fecha:%d/%m/%Y}",
            "unidades": str(unidades),
            "valor_unidad": str(valor.valor),
            "fuente_valor": valor.fuente,
            "monto": str(monto),
            "fuente": multa.fuente,
            "fundamentos": fundamentos.strip(),
            "plazo_justificacion": regimen().plazo_de("justificacion_proveedor").nombre,
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=f"Multa por incomparecencia — {reclamo.numero}",
    )
    fila = MultaIncomparecencia.objects.create(
        reclamo=reclamo,
        proveedor=proveedor,
        fecha_audiencia=fecha,
        unidades=unidades,
        valor_unidad=valor.valor,
        fuente_valor=valor.fuente,
        monto=monto,
        fundamentos=fundamentos.strip(),
        documento=documento,
        impuesta_por=por,
    )
    transicionar(
        reclamo,
        "sancionar_incomparecencia",
        por=por,
        datos={"multa": f"{unidades} UF", "monto": str(monto), "documento": documento.pk},
    )
    pasar_a_sumario(reclamo, por=por, origen=Sumario.Origen.INCOMPARECENCIA)
    return fila


def _numero_sumario(hoy) -> str:
    return siguiente_numero(prefijo="SUM-" + regimen().prefijo_numero, anio=hoy.year)


@transaction.atomic
def pasar_a_sumario(reclamo: Reclamo, *, por: Usuario | None, origen: str) -> Sumario:
    """C16/C19: the same file turns into a sanction case; the consumer stops being a party."""
    _exigir_caba(reclamo)
    if regimen().tras_fracaso != TrasFracaso.SUMARIO:
        raise ConflictoDeEstado(_("Este régimen no tiene sumario."))
    transicionar(reclamo, "pasar_a_sumario", por=por, datos={"origen": origen})
    proveedor = reclamo.proveedores.order_by("pk").first()
    return Sumario.objects.create(
        numero=_numero_sumario(hoy_en(reclamo)),
        reclamo=reclamo,
        origen=origen,
        organizacion=proveedor.organizacion,
        razon_social=proveedor.razon_social,
        cuit=proveedor.identificador,
        domicilio=proveedor.domicilio_legal,
        hechos=reclamo.hechos,
        abierto_por=por,
    )


@transaction.atomic
def abrir_de_oficio(
    *, por: Usuario, razon_social: str, cuit: str, domicilio: str, hechos: str, actividad=""
) -> Sumario:
    """C17: ex officio proceedings or an inspection record, with no consumer and no claim."""
    if not actua_en(por, regimen().codigo):
        raise AccesoDenegado(_("Solo el personal de la Dirección abre sumarios."))
    faltan = {
        c: [_("Obligatorio.")]
        for c, v in {"razon_social": razon_social, "domicilio": domicilio, "hechos": hechos}.items()
        if not str(v).strip()
    }
    if faltan:
        raise DatosInvalidos(_("Completá los datos que faltan."), campos=faltan)
    try:
        cuit = validar_cuit(cuit)
    except Exception:
        raise DatosInvalidos(_("El CUIT no es válido."), campos={"cuit": ["?"]}) from None
    return Sumario.objects.create(
        numero=_numero_sumario(timezone.localdate()),
        origen=Sumario.Origen.DE_OFICIO,
        organizacion=Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR, identificador=cuit
        ).first(),
        razon_social=razon_social.strip(),
        cuit=cuit,
        domicilio=domicilio.strip(),
        actividad=actividad.strip(),
        hechos=hechos.strip(),
        abierto_por=por,
    )


ORIGEN_POR_ESTADO = {
    Estado.SIN_ACUERDO: Sumario.Origen.SIN_ACUERDO,
    Estado.INCUMPLIMIENTO_DENUNCIADO: Sumario.Origen.INCUMPLIMIENTO,
}


@transaction.atomic
def concluir_sin_domicilio(reclamo: Reclamo, *, por: Usuario | None) -> Sumario:
    """C6c: CABA-04 passed without an electronic domicile: the conciliation is closed without
    agreement (staff confirm) and the file goes to the sumario."""
    _exigir_caba(reclamo)
    transicionar(reclamo, "concluir_sin_domicilio_electronico", por=por)
    return pasar_a_sumario(reclamo, por=por, origen=Sumario.Origen.SIN_DOMICILIO)


@transaction.atomic
def denunciar_incumplimiento(reclamo: Reclamo, *, por: Usuario, detalle: str) -> Sumario:
    """C19: the consumer (or staff for her) reports the agreement breached: the breach is an
    infringement in itself (LDC art. 46), so the sumario opens at once."""
    _exigir_caba(reclamo)
    transicionar(reclamo, "denunciar_incumplimiento", por=por, datos={"detalle": detalle})
    return pasar_a_sumario(reclamo, por=None, origen=Sumario.Origen.INCUMPLIMIENTO)


@transaction.atomic
def cerrar_sin_acuerdo(reclamo: Reclamo, *, por: Usuario) -> Sumario:
    """C16 after C10: the legal area takes a file closed without agreement."""
    _exigir_caba(reclamo)
    origen = ORIGEN_POR_ESTADO.get(reclamo.estado)
    if origen is None:
        raise ConflictoDeEstado(_("El expediente no está cerrado sin acuerdo."))
    return pasar_a_sumario(reclamo, por=por, origen=origen)
