"""The expediente entries of fees and fines: one small function per entry type, called only by
this app's services inside their transaction (STYLE.md)."""

from cuentas.templatetags.formato import moneda as _pesos
from reclamos.expediente import _registrar
from reclamos.models import Actuacion, Reclamo

D17, D16 = "D202-I.17", "D202-I.16"


def honorario_devengado(reclamo: Reclamo, *, honorario) -> Actuacion:
    monto = (
        _pesos(honorario.monto)
        if honorario.monto is not None
        else "monto a liquidar: falta cargar el arancel o el valor de la unidad de referencia"
    )
    return _registrar(
        reclamo,
        "honorarios.devengado",
        por=None,
        texto=(
            f"{honorario.get_tipo_display()} del conciliador a cargo de "
            f"{honorario.get_a_cargo_display().lower()} ({monto})"
        ),
        datos={"honorario": honorario.pk, "a_cargo": honorario.a_cargo, "tipo": honorario.tipo},
        fuente=D17,
    )


def honorario_liquidado(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.liquidado",
        por=por,
        texto=(
            f"Honorario liquidado: {honorario.unidades} UR × {_pesos(honorario.valor_unidad)} = "
            f"{_pesos(honorario.monto)}"
        ),
        datos={"honorario": honorario.pk, "arancel": honorario.arancel_id},
        fuente="D202-I.15",
    )


def constancia_emitida(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.constancia_fondo",
        por=por,
        texto=(
            f"Constancia para el Fondo de Financiamiento N.º {honorario.constancia.numero_visible}"
        ),
        datos={"honorario": honorario.pk, "documento": honorario.constancia_id},
        fuente=D17,
    )


def presentado_al_fondo(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.presentado_fondo",
        por=por,
        texto=(
            f"El conciliador presentó la constancia al Fondo el "
            f"{honorario.presentado_fondo_el:%d/%m/%Y}: el Fondo paga en 15 días (AR-15)"
        ),
        datos={"honorario": honorario.pk},
        fuente=D17,
    )


def honorario_pagado(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    destino = " (depositado en la cuenta del Fondo)" if honorario.deposito_en_fondo else ""
    return _registrar(
        reclamo,
        "honorarios.pagado",
        por=por,
        texto=f"Honorario pagado el {honorario.pagado_el:%d/%m/%Y}{destino}",
        datos={"honorario": honorario.pk},
        fuente=D17,
    )


def total_cobrado(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    reintegro = (
        _pesos(honorario.monto_reintegro)
        if honorario.monto_reintegro is not None
        else "el valor vigente"
    )
    return _registrar(
        reclamo,
        "honorarios.total_cobrado",
        por=por,
        texto=(
            f"El conciliador cobró el honorario total ({honorario.get_causa_total_display()}): "
            f"reintegra el básico ({reintegro}) a {honorario.get_reintegro_a_display().lower()} "
            f"en 5 días (AR-17)"
        ),
        datos={"honorario": honorario.pk, "causa": honorario.causa_total},
        fuente=D17,
    )


def reintegro_registrado(reclamo: Reclamo, *, honorario, por) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.reintegrado",
        por=por,
        texto=f"Honorario básico reintegrado el {honorario.reintegrado_el:%d/%m/%Y}",
        datos={"honorario": honorario.pk},
        fuente=D17,
    )


def honorario_ejecutable(reclamo: Reclamo, *, honorario) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.ejecutable",
        por=None,
        texto=(
            "Pasaron 45 días corridos desde la última audiencia sin pago: el acta es título "
            "ejecutivo del honorario (AR-16); se emitió copia certificada al conciliador"
        ),
        datos={"honorario": honorario.pk, "documento": honorario.copia_certificada_id},
        fuente=D17,
    )


def pago_del_fondo_vencido(reclamo: Reclamo, *, honorario) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.fondo_vencido",
        por=None,
        texto="Venció el plazo de 15 días del Fondo para pagar el honorario básico (AR-15)",
        datos={"honorario": honorario.pk},
        fuente=D17,
        visible_para_partes=False,
    )


def reintegro_vencido(reclamo: Reclamo, *, honorario) -> Actuacion:
    return _registrar(
        reclamo,
        "honorarios.reintegro_vencido",
        por=None,
        texto=(
            "Venció el plazo de 5 días para reintegrar el honorario básico (AR-17): aviso al "
            "registro de conciliadores (Anexo II art. 4 j)"
        ),
        datos={"honorario": honorario.pk},
        fuente=D17,
        visible_para_partes=False,
    )


def multa_certificada(reclamo: Reclamo, *, multas, por, fuera_de_plazo: bool) -> Actuacion:
    nombres = ", ".join(m.proveedor.razon_social for m in multas)
    demora = " (fuera del plazo de 5 días, AR-19)" if fuera_de_plazo else ""
    return _registrar(
        reclamo,
        "multa.certificada",
        por=por,
        texto=f"El conciliador certificó la multa por incomparecencia de {nombres}{demora}",
        datos={"multas": [m.pk for m in multas]},
        fuente=D16,
    )


def multa_definitiva(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.definitiva",
        por=por,
        texto=(
            f"Certificado de multa definitivo N.º {multa.certificado.numero_visible} a "
            f"{multa.proveedor.razon_social} por {_pesos(multa.monto)} e intimación de pago"
        ),
        datos={"multa": multa.pk, "certificado": multa.certificado_id},
        fuente=D16,
    )


def intimacion_notificada(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.intimacion_notificada",
        por=por,
        texto=(
            f"Intimación de pago de la multa notificada a {multa.proveedor.razon_social} el "
            f"{multa.intimacion_notificada_el:%d/%m/%Y} ({multa.get_intimacion_via_display()}): "
            f"corre el plazo para recurrir (AR-23)"
        ),
        datos={"multa": multa.pk},
        fuente="Ley 24.240 art. 45",
    )


def multa_apelada(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.apelada",
        por=por,
        texto=f"{multa.proveedor.razon_social} recurrió la multa el {multa.apelada_el:%d/%m/%Y}",
        datos={"multa": multa.pk},
        fuente="Ley 24.240 art. 45",
    )


def multa_firme(reclamo: Reclamo, *, multa) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.firme",
        por=None,
        texto=f"La multa a {multa.proveedor.razon_social} quedó firme: no se recurrió en término",
        datos={"multa": multa.pk},
        fuente="Ley 24.240 art. 45",
    )


def multa_pagada(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.pagada",
        por=por,
        texto=(
            f"{multa.proveedor.razon_social} pagó la multa ({_pesos(multa.monto_pagado)}) el "
            f"{multa.pagada_el:%d/%m/%Y}. Un tercio de la multa, {_pesos(multa.parte_consumidor)}, "
            f"corresponde al consumidor; resto: {_pesos(multa.parte_resto)}"
        ),
        datos={
            "multa": multa.pk,
            "monto_pagado": str(multa.monto_pagado),
            "parte_consumidor": str(multa.parte_consumidor),
            "parte_resto": str(multa.parte_resto),
        },
        fuente="D202-I.16; DOMAIN §2.3 (fuente secundaria)",
    )


def multa_en_ejecucion(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.en_ejecucion",
        por=por,
        texto=(
            f"La multa a {multa.proveedor.razon_social}, firme e impaga, se remitió a ejecución "
            f"judicial el {multa.ejecucion_el:%d/%m/%Y} ({multa.ejecucion_referencia})"
        ),
        datos={"multa": multa.pk},
        fuente="DOMAIN §2.3",
    )


def multa_anulada(reclamo: Reclamo, *, multa, por) -> Actuacion:
    return _registrar(
        reclamo,
        "multa.anulada",
        por=por,
        texto=f"Multa a {multa.proveedor.razon_social} anulada: {multa.motivo_anulacion}",
        datos={"multa": multa.pk},
        fuente=D16,
    )
