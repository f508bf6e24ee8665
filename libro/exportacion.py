"""The regulator's CSVs of a period. UTF-8 with BOM (opens in a spreadsheet as is); dates as
dd/mm/aaaa, amounts with a dot as decimal separator; cells that a spreadsheet would run as a
formula are neutralised.

- `csv_de`: every sheet with the fields of the hoja (DOMAIN §4.15) and the dates of each step.
- `csv_sirec_de`: one row per sheet in the shape a provider keys into Indecopi's "Controla tus
  Reclamos" (SIREC): S003 7.1 d registers each claim there within 2 business days and 7.3 d marks
  it "ATENDIDA" once answered. Indecopi publishes no file layout in the sources (confidence L:
  docs/decisions/0021), so the columns are the ones the procedure names.
"""

import csv
import io

from libro.models import Hoja
from libro.selectors import dias_computables, dias_de_respuesta


def _fecha(valor) -> str:
    return f"{valor:%d/%m/%Y}" if valor else ""


def _fila(hoja: Hoja, zona) -> list:
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default.
    propuesta = hoja.propuesta
    respuesta = getattr(hoja, "respuesta", None)
    presentada = hoja.presentada_en.astimezone(zona)
    return [
        hoja.proveedor_ruc,
        hoja.proveedor_razon_social,
        hoja.libro.codigo,
        hoja.establecimiento,
        hoja.establecimiento_direccion,
        hoja.numero,
        _fecha(presentada),
        f"{presentada:%H:%M}",
        hoja.get_tipo_display(),
        hoja.nombres,
        hoja.apellidos,
        hoja.get_tipo_documento_display(),
        hoja.numero_documento,
        hoja.domicilio,
        hoja.telefono,
        hoja.email,
        "sí" if hoja.es_menor else "no",
        hoja.apoderado_nombre,
        f"{hoja.apoderado_tipo_documento} {hoja.apoderado_numero_documento}".strip(),
        hoja.get_tipo_bien_display(),
        "" if hoja.monto_reclamado is None else f"{hoja.monto_reclamado:.2f}",
        hoja.descripcion_bien,
        hoja.numero_pedido,
        hoja.detalle,
        hoja.pedido,
        hoja.get_medio_respuesta_display(),
        hoja.get_estado_display(),
        _fecha(hoja.vence_respuesta),
        "sí" if hoja.vencida else "no",
        _fecha(propuesta.fecha_envio) if propuesta else "",
        propuesta.get_estado_display() if propuesta else "",
        _fecha(propuesta.decidida_en.astimezone(zona))
        if propuesta and propuesta.decidida_en
        else "",
        _fecha(respuesta.fecha) if respuesta else "",
        respuesta.get_medio_display() if respuesta else "",
        _fecha(respuesta.despacho_fecha) if respuesta else "",
        respuesta.texto if respuesta else "",
        len(hoja.propuestas.all()),
        _fecha(hoja.fecha_cierre),
        dias_de_respuesta(hoja) if hoja.fecha_cierre else "",
        dias_computables(hoja) if hoja.fecha_cierre else "",
    ]


COLUMNAS = [
    "RUC",
    "Razón social",
    "Libro",
    "Establecimiento",
    "Dirección del establecimiento",
    "N.º de hoja",
    "Fecha de presentación",
    "Hora",
    "Tipo",
    "Nombres",
    "Apellidos",
    "Tipo de documento",
    "N.º de documento",
    "Domicilio",
    "Teléfono",
    "Correo electrónico",
    "Menor de edad",
    "Padre, madre o representante",
    "Documento del representante",
    "Bien contratado",
    "Monto reclamado (S/)",
    "Descripción",
    "N.º de pedido",
    "Detalle",
    "Pedido del consumidor",
    "Medio de respuesta elegido",
    "Estado",
    "Vencimiento de la respuesta",
    "Vencida sin respuesta",
    "Fecha de la última propuesta",
    "Resultado de la última propuesta",
    "Fecha de decisión de la última propuesta",
    "Fecha de la respuesta",
    "Medio de la respuesta",
    "Fecha de despacho postal",
    "Respuesta y acciones adoptadas",
    "Propuestas enviadas",
    "Fecha de cierre",
    "Días hábiles hasta el cierre",
    "Días hábiles computables (sin la suspensión)",
]


def _celda(valor) -> str:
    texto = str(valor)
    if texto[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + texto
    return texto


def csv_de(hojas, *, zona) -> str:
    salida = io.StringIO()
    salida.write("\ufeff")
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(COLUMNAS)
    for hoja in hojas:
        escritor.writerow([_celda(v) for v in _fila(hoja, zona)])
    return salida.getvalue()


COLUMNAS_SIREC = [
    "RUC",
    "Razón social",
    "Código del reclamo",
    "Fecha del reclamo",
    "Tipo",
    "Tipo de documento",
    "N.º de documento",
    "Consumidor",
    "Bien contratado",
    "Monto reclamado (S/)",
    "Detalle",
    "Pedido",
    "Estado",
    "Fecha de atención",
    "Días hábiles de atención",
    "Solución",
]


def _fila_sirec(hoja: Hoja) -> list:
    respuesta = getattr(hoja, "respuesta", None)
    propuesta = hoja.propuesta
    if hoja.estado == "ACUERDO_ACEPTADO":
        solucion = propuesta.texto if propuesta else ""
    else:
        solucion = respuesta.texto if respuesta else ""
    return [
        hoja.proveedor_ruc,
        hoja.proveedor_razon_social,
        hoja.numero,
        _fecha(hoja.fecha_presentacion),
        hoja.get_tipo_display().upper(),
        hoja.get_tipo_documento_display(),
        hoja.numero_documento,
        hoja.consumidor,
        hoja.get_tipo_bien_display(),
        "" if hoja.monto_reclamado is None else f"{hoja.monto_reclamado:.2f}",
        hoja.detalle,
        hoja.pedido,
        "ATENDIDA" if hoja.cerrada else "EN TRÁMITE",
        _fecha(hoja.fecha_cierre),
        dias_computables(hoja) if hoja.fecha_cierre else "",
        solucion,
    ]


def csv_sirec_de(hojas) -> str:
    salida = io.StringIO()
    salida.write("\ufeff")
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(COLUMNAS_SIREC)
    for hoja in hojas:
        escritor.writerow([_celda(v) for v in _fila_sirec(hoja)])
    return salida.getvalue()
