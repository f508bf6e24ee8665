"""The regulator's CSV: every sheet of a period with the fields of the hoja (DOMAIN §4.15) and the
dates of each step. UTF-8 with BOM (opens in a spreadsheet as is); dates as dd/mm/aaaa, amounts
with a dot as decimal separator; cells that a spreadsheet would run as a formula are neutralised.
"""

import csv
import io

from libro.models import Hoja
from libro.selectors import dias_de_respuesta


def _fecha(valor) -> str:
    return f"{valor:%d/%m/%Y}" if valor else ""


def _fila(hoja: Hoja, zona) -> list:
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default.
    propuesta = getattr(hoja, "propuesta", None)
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
        _fecha(hoja.fecha_cierre),
        dias_de_respuesta(hoja) if hoja.fecha_cierre else "",
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
    "Fecha de la propuesta",
    "Resultado de la propuesta",
    "Fecha de decisión de la propuesta",
    "Fecha de la respuesta",
    "Medio de la respuesta",
    "Fecha de despacho postal",
    "Respuesta y acciones adoptadas",
    "Fecha de cierre",
    "Días hábiles hasta el cierre",
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
