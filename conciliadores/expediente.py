"""The expediente entries of conciliadores' acts: one small function per entry type, called only
by this app's services inside their transaction (STYLE.md "The expediente")."""

from normativa.regimenes import Papel
from reclamos.expediente import _registrar
from reclamos.models import Actuacion, Reclamo

FUENTE = "D202-I.7"


def sorteo_comprometido(reclamo: Reclamo, *, ronda: int, compromiso: str) -> Actuacion:
    return _registrar(
        reclamo,
        "sorteo.compromiso",
        por=None,
        texto=f"Compromiso del sorteo (ronda {ronda}): SHA-256 {compromiso}",
        datos={"ronda": ronda, "compromiso": compromiso},
        fuente=FUENTE,
    )


def sorteo_realizado(reclamo: Reclamo, *, sorteo) -> Actuacion:
    return _registrar(
        reclamo,
        "sorteo.realizado",
        por=None,
        texto=(
            f"Sorteo ronda {sorteo.ronda}: entre {len(sorteo.padron)} habilitados salió "
            f"la matrícula {sorteo.resultado_matricula}. Semilla publicada."
        ),
        datos={
            "ronda": sorteo.ronda,
            "semilla": sorteo.semilla,
            "hmac": sorteo.hmac,
            "padron_sha256": sorteo.padron_sha256,
            "matricula": sorteo.resultado_matricula,
        },
        fuente=FUENTE,
    )


def conciliador_elegido(reclamo: Reclamo, *, por, conciliador) -> Actuacion:
    return _registrar(
        reclamo,
        "conciliador.elegido",
        por=por,
        texto=f"El consumidor eligió a {conciliador}; se le informó para que acepte",
        datos={"matricula": conciliador.matricula},
        fuente=FUENTE,
    )


def propuesta_rechazada(reclamo: Reclamo, *, por, conciliador, justificado: bool) -> Actuacion:
    calificacion = "con causa justificada" if justificado else "sin causa justificada"
    return _registrar(
        reclamo,
        "conciliador.rechazo",
        por=por,
        texto=f"{conciliador} no aceptó intervenir ({calificacion})",
        datos={"matricula": conciliador.matricula, "justificado": justificado},
        fuente="D202-I.7; D202-II.4 g",
    )


def documento_autonomo_presentado(reclamo: Reclamo, *, por, documento) -> Actuacion:
    return _registrar(
        reclamo,
        "designacion.documento_autonomo",
        por=por,
        texto=(
            f"Documento autónomo de designación del {documento.fecha_documento:%d/%m/%Y} "
            f"que propone a {documento.conciliador}"
        ),
        datos={"documento": documento.pk, "archivo": documento.archivo_id},
        fuente=FUENTE,
    )


def ar03_desde_documento(reclamo: Reclamo, *, por, fecha) -> Actuacion:
    return _registrar(
        reclamo,
        "plazo.reiniciado",
        por=por,
        texto=(
            f"El plazo AR-03 se cuenta desde la fecha del documento autónomo ({fecha:%d/%m/%Y}), "
            "posterior a la admisión"
        ),
        datos={
            "tipo": reclamo.regimen.codigo_de(Papel.INFORMAR_CONCILIADOR),
            "desde": fecha.isoformat(),
        },
        fuente="D202-I.7; DOMAIN Q7",
    )


def ar03_tras_rechazo(reclamo: Reclamo, *, por, fecha) -> Actuacion:
    return _registrar(
        reclamo,
        "plazo.reiniciado",
        por=por,
        texto=(
            "El conciliador propuesto no aceptó: el consumidor tiene un nuevo plazo AR-03 para "
            f"presentar otro documento autónomo, desde el {fecha:%d/%m/%Y}"
        ),
        datos={
            "tipo": reclamo.regimen.codigo_de(Papel.INFORMAR_CONCILIADOR),
            "desde": fecha.isoformat(),
        },
        fuente="D202-I.7; regla del portal",
    )


def documento_autonomo_revisado(reclamo: Reclamo, *, por, documento) -> Actuacion:
    aprobado = documento.estado == documento.Estado.APROBADO
    texto = (
        "El documento autónomo cumple los requisitos: se informó al conciliador propuesto"
        if aprobado
        else f"Documento autónomo observado: {documento.observacion}"
    )
    return _registrar(
        reclamo,
        "designacion.documento_revisado",
        por=por,
        texto=texto,
        datos={r: getattr(documento, r) for r in documento.REQUISITOS},
        fuente=FUENTE,
    )


def excusacion(reclamo: Reclamo, *, por, excusacion) -> Actuacion:
    termino = "" if excusacion.en_termino else " (fuera del plazo AR-05)"
    return _registrar(
        reclamo,
        "conciliador.excusacion",
        por=por,
        texto=f"{excusacion.conciliador} se excusó: {excusacion.get_causal_display()}{termino}",
        datos={"causal": excusacion.causal, "en_termino": excusacion.en_termino},
        fuente="D202-I.7; CPCCN arts. 17 y 30",
    )


def recusacion_presentada(reclamo: Reclamo, *, por, recusacion) -> Actuacion:
    return _registrar(
        reclamo,
        "recusacion.presentada",
        por=por,
        texto=(
            f"Recusación de {recusacion.conciliador}: {recusacion.get_causal_display()}. "
            "El procedimiento queda suspendido"
        ),
        datos={"recusacion": recusacion.pk, "causal": recusacion.causal},
        fuente="D202-I.7",
    )


def recusacion_respondida(reclamo: Reclamo, *, por, recusacion) -> Actuacion:
    return _registrar(
        reclamo,
        "recusacion.respuesta",
        por=por,
        texto=f"El conciliador recusado respondió: {recusacion.get_respuesta_display()}",
        datos={"recusacion": recusacion.pk, "respuesta": recusacion.respuesta},
        fuente="D202-I.7",
    )


def recusacion_decidida(reclamo: Reclamo, *, por, recusacion) -> Actuacion:
    return _registrar(
        reclamo,
        "recusacion.decidida",
        por=por,
        texto=f"Recusación {recusacion.get_estado_display().lower()} (decisión irrecurrible)",
        datos={"recusacion": recusacion.pk, "estado": recusacion.estado},
        fuente="D202-I.7",
    )


def redesignacion_pendiente(reclamo: Reclamo, *, motivo: str) -> Actuacion:
    return _registrar(
        reclamo,
        "conciliador.redesignacion_pendiente",
        por=None,
        texto=motivo,
        fuente="D202-I.7; DOMAIN Q9",
    )


def sin_conciliadores_elegibles(reclamo: Reclamo) -> Actuacion:
    return _registrar(
        reclamo,
        "conciliador.sin_elegibles",
        por=None,
        texto=(
            "Ningún conciliador del registro puede ser designado en este reclamo (licencias, "
            "sanciones, jurisdicción o apartamientos): se avisó al registro de conciliadores."
        ),
        fuente="D202-I.7",
    )


def designacion_no_seguida(reclamo: Reclamo, *, por, principal: Reclamo, conciliador) -> Actuacion:
    return _registrar(
        reclamo,
        "conciliador.acumulacion_pendiente",
        por=por,
        texto=(
            f"Se designó a {conciliador.nombre} en el reclamo principal {principal.numero}; "
            f"este reclamo lo recibe cuando esté en condiciones (estado {reclamo.estado})"
        )[:300],
        datos={"principal": principal.numero, "matricula": conciliador.matricula},
        fuente="D202-I.2",
    )
