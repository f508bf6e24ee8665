"""The expediente entries of audiencias' acts that are not state transitions: one small function
per entry type, called only by this app's services inside their transaction (STYLE.md)."""

from reclamos.expediente import _registrar
from reclamos.models import Actuacion, Reclamo


def audiencia_fijada(reclamo: Reclamo, *, por, datos: dict) -> Actuacion:
    return _registrar(
        reclamo,
        "audiencia.fijada",
        por=por,
        texto=f"Nueva audiencia fijada (n.º {datos['orden']}) para el {datos['fecha']}",
        datos=datos,
        fuente="D202-I.10",
    )


def audiencia_cancelada(reclamo: Reclamo, *, por, datos: dict) -> Actuacion:
    return _registrar(
        reclamo,
        "audiencia.cancelada",
        por=por,
        texto=f"Audiencia del {datos['fecha']} cancelada: {datos['motivo']}",
        datos=datos,
        fuente="Regla del portal",
    )


def audiencia_reprogramada(
    reclamo: Reclamo, *, por, datos: dict, fuente: str = "D202-I.10"
) -> Actuacion:
    """COPREC's source by default; a hearing an agency official convened cites S001."""
    return _registrar(
        reclamo,
        "audiencia.reprogramada",
        por=por,
        texto=f"Audiencia reprogramada para el {datos['fecha']}: {datos['motivo']}",
        datos=datos,
        fuente=fuente,
    )


def audiencia_reasignada(reclamo: Reclamo, *, por, datos: dict) -> Actuacion:
    return _registrar(
        reclamo,
        "audiencia.reasignada",
        por=por,
        texto=(
            f"La audiencia del {datos['fecha']} queda a cargo de {datos['conciliador']} "
            f"(mat. {datos['matricula']}), en lugar de {datos['anterior']}: se emiten nuevas "
            "cédulas y se avisa a las partes"
            + (
                ". Las nuevas cédulas no llegan con 3 días hábiles de anticipación: hay que "
                "reprogramar la audiencia"
                if datos.get("fuera_de_termino")
                else ""
            )
        ),
        datos=datos,
        fuente="D202-I.7, I.10",
    )


def acta_firmada_por(reclamo: Reclamo, *, por, datos: dict) -> Actuacion:
    """A party signed the acta of a hearing an agency official conducted (docs/decisions/0009)."""
    return _registrar(
        reclamo,
        "acta.firma",
        por=por,
        texto=f"{datos['nombre']} firmó en línea el acta {datos['acta']} "
        f"(SHA-256 {datos['sha256']})",
        datos=datos,
        fuente="S001 (conformidad en línea); Decision 12",
    )


def acta_firmada(reclamo: Reclamo, *, por, datos: dict) -> Actuacion:
    return _registrar(
        reclamo,
        "acta.firmada",
        por=por,
        texto=f"Las partes que asistieron firmaron el acta {datos['acta']}: se emitió el acta "
        f"firmada {datos['firmada']}",
        datos=datos,
        fuente="S001 (conformidad en línea); Decision 12",
    )


def informe_de_cierre_presentado(reclamo: Reclamo, *, por, informe, vence: str) -> Actuacion:
    demora = (
        f" fuera del plazo de 2 días (AR-14 venció el {vence}); queda señalado al Registro"
        if informe.fuera_de_plazo
        else ""
    )
    return _registrar(
        reclamo,
        "conciliacion.informe_de_cierre",
        por=por,
        texto=f"El conciliador presentó el informe de cierre sin acuerdo a la Secretaría{demora}",
        datos={
            "informe": informe.pk,
            "documento": informe.documento_id,
            "fuera_de_plazo": informe.fuera_de_plazo,
        },
        fuente="D202-I.17",
        visible_para_partes=False,
    )
