"""The exports and their data dictionary: one place that says, for each CSV, which rows (the
period field), which columns, what each column means and where it comes from. The page, the API
schema's description, docs/exportaciones.md and the tests read these definitions, so the header
row and its documentation cannot drift apart.

Each export is one queryset of `.values()` with correlated subqueries (no per-row query): a chunk
of rows is one SQL statement whatever it holds (exportaciones.flujo walks the chunks by keyset).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from audiencias.models import Acuerdo, Audiencia, InformeDeCierre
from conciliadores.models import Designacion
from honorarios.models import Honorario, Multa
from reclamos.estados import Estado, etiqueta_estado
from reclamos.models import Actuacion, Incumplimiento, Reclamo, ReclamoProveedor

# Column kinds: how a value is written so a spreadsheet reads it in any locale (Decision 0025).
TEXTO, ENTERO, DINERO, FECHA, FECHA_HORA, SI_NO = (
    "texto",
    "entero",
    "dinero",
    "fecha",
    "fecha_hora",
    "si_no",
)

FORMATOS = {
    TEXTO: "texto",
    ENTERO: "número entero",
    DINERO: "importe con punto decimal y dos decimales, sin separador de miles (1234.50)",
    FECHA: "fecha ISO 8601 (2026-03-10)",
    FECHA_HORA: "fecha y hora ISO 8601 en la hora oficial del régimen (2026-03-10 09:00:00)",
    SI_NO: "«sí» o «no»",
}


@dataclass(frozen=True)
class Columna:
    nombre: str  # the header (stable, snake_case)
    descripcion: str
    fuente: str  # the article or the portal's record it comes from
    origen: str = ""  # key in .values(); the name when empty
    tipo: str = TEXTO
    etiquetas: Callable[[str], str] | None = None  # code → label (for *_texto columns)

    @property
    def clave(self) -> str:
        return self.origen or self.nombre

    @property
    def formato(self) -> str:
        return FORMATOS[self.tipo]


@dataclass(frozen=True)
class Exportacion:
    codigo: str
    titulo: str
    descripcion: str
    periodo: str  # which date of each row falls in the period
    modelo: type
    campo_fecha: str
    campo_regimen: str
    campo_oficina: str
    columnas: tuple[Columna, ...]
    anotar: Callable[[QuerySet], QuerySet] = lambda qs: qs

    @property
    def encabezados(self) -> list[str]:
        return [c.nombre for c in self.columnas]

    def consulta(self) -> QuerySet:
        """Every row of this export (the caller bounds it by period, régimen and office)."""
        claves = {c.clave for c in self.columnas} | {self.campo_fecha, "pk", "_regimen"}
        from django.db.models import F

        qs = self.anotar(self.modelo.objects.all()).annotate(_regimen=F(self.campo_regimen))
        return qs.values(*sorted(claves))


def _elecciones(choices) -> Callable[[str], str]:
    tabla = {valor: str(nombre) for valor, nombre in choices}
    return lambda valor: tabla.get(valor, valor or "")


def _primero(qs: QuerySet, campo: str, orden: str | None = None):
    return Subquery(qs.order_by(orden or campo, "pk").values(campo)[:1])


def _contar(qs: QuerySet, por: str = "reclamo"):
    return Coalesce(
        Subquery(qs.order_by().values(por).annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def _sumar(qs: QuerySet, campo: str, por: str = "reclamo"):
    return Subquery(
        qs.order_by().values(por).annotate(s=Sum(campo)).values("s")[:1],
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def _actos(*codigos: str) -> QuerySet:
    return Actuacion.objects.filter(reclamo=OuterRef("pk"), codigo__in=codigos)


def _del_reclamo(modelo) -> QuerySet:
    return modelo.objects.filter(reclamo=OuterRef("pk"))


def _proveedores(prefijo: str = "") -> QuerySet:
    return ReclamoProveedor.objects.filter(reclamo=OuterRef(f"{prefijo}pk"))


ESTADO_TEXTO = etiqueta_estado

# --- claims -----------------------------------------------------------------------------------


def _anotar_reclamos(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        proveedor_cuit=_primero(_proveedores(), "identificador", "pk"),
        proveedor_razon_social=_primero(_proveedores(), "razon_social", "pk"),
        n_proveedores=_contar(_proveedores()),
    )


RECLAMOS = Exportacion(
    codigo="reclamos",
    titulo="Reclamos",
    descripcion="Un renglón por reclamo presentado en el período.",
    periodo="fecha de presentación del reclamo",
    modelo=Reclamo,
    campo_fecha="presentado_en",
    campo_regimen="regimen_codigo",
    campo_oficina="oficina",
    anotar=_anotar_reclamos,
    columnas=(
        Columna("numero", "Número del reclamo.", "Reclamo.numero"),
        Columna(
            "regimen", "Régimen (COPREC o PE-INDECOPI).", "Reclamo.regimen_codigo", "regimen_codigo"
        ),
        Columna("estado", "Estado actual (código).", "Reclamo.estado"),
        Columna(
            "estado_texto",
            "Estado actual, en palabras.",
            "Reclamo.estado",
            "estado",
            etiquetas=ESTADO_TEXTO,
        ),
        Columna(
            "presentado_en",
            "Fecha y hora de presentación.",
            "Reclamo.presentado_en",
            tipo=FECHA_HORA,
        ),
        Columna(
            "oficina",
            "Oficina donde se cargó (vacío: en línea).",
            "Reclamo.oficina",
            "oficina__razon_social",
        ),
        Columna("lugar", "Lugar elegido para el trámite.", "Reclamo.lugar (D202-I.5)"),
        Columna(
            "metodo_designacion",
            "Forma de designar al conciliador: a sorteo, b acuerdo, c elección.",
            "Reclamo.metodo_designacion (D202-I.7)",
        ),
        Columna("monto", "Monto reclamado.", "Reclamo.monto", tipo=DINERO),
        Columna(
            "monto_indeterminado",
            "Declaró bajo juramento que no supera el tope.",
            "Reclamo.monto_indeterminado (D202-I.2)",
            tipo=SI_NO,
        ),
        Columna(
            "proveedores",
            "Cantidad de proveedores reclamados.",
            "ReclamoProveedor",
            "n_proveedores",
            tipo=ENTERO,
        ),
        Columna(
            "proveedor_cuit",
            "CUIT o RUC del primer proveedor reclamado.",
            "ReclamoProveedor.identificador",
        ),
        Columna(
            "proveedor_razon_social",
            "Razón social del primer proveedor reclamado.",
            "ReclamoProveedor.razon_social",
        ),
    ),
)

# --- hearings ---------------------------------------------------------------------------------

AUDIENCIAS = Exportacion(
    codigo="audiencias",
    titulo="Audiencias",
    descripcion="Un renglón por audiencia (fijada, celebrada, cancelada o reprogramada) cuyo "
    "día cae en el período.",
    periodo="día y hora de la audiencia",
    modelo=Audiencia,
    campo_fecha="inicio",
    campo_regimen="reclamo__regimen_codigo",
    campo_oficina="reclamo__oficina",
    columnas=(
        Columna("reclamo", "Número del reclamo.", "Reclamo.numero", "reclamo__numero"),
        Columna(
            "regimen", "Régimen del reclamo.", "Reclamo.regimen_codigo", "reclamo__regimen_codigo"
        ),
        Columna("orden", "Número de audiencia dentro del reclamo.", "Audiencia.orden", tipo=ENTERO),
        Columna("inicio", "Día y hora.", "Audiencia.inicio (D202-I.10)", tipo=FECHA_HORA),
        Columna(
            "duracion_minutos",
            "Duración prevista, en minutos.",
            "Audiencia.duracion_minutos",
            tipo=ENTERO,
        ),
        Columna("modalidad", "presencial o video.", "Audiencia.modalidad"),
        Columna(
            "sede",
            "Sede de la autoridad (vacío: estudio del conciliador o video).",
            "Audiencia.oficina",
            "oficina__razon_social",
        ),
        Columna("estado", "fijada, celebrada, cancelada o reprogramada.", "Audiencia.estado"),
        Columna(
            "resultado",
            "Resultado de la audiencia celebrada (código).",
            "Audiencia.resultado (D202-I.11)",
        ),
        Columna(
            "resultado_texto",
            "Resultado, en palabras.",
            "Audiencia.resultado",
            "resultado",
            etiquetas=_elecciones(Audiencia.Resultado.choices),
        ),
        Columna(
            "conciliador_matricula",
            "Matrícula del conciliador que la conduce (COPREC).",
            "Conciliador.matricula",
            "conciliador__matricula",
        ),
        Columna(
            "fuera_de_plazo",
            "No hubo turno libre dentro del plazo para la primera audiencia.",
            "Audiencia.fuera_de_plazo (AR-07)",
            tipo=SI_NO,
        ),
        Columna(
            "celebrada_en",
            "Cuándo se registró su celebración.",
            "Audiencia.celebrada_en",
            tipo=FECHA_HORA,
        ),
        Columna("fijada_en", "Cuándo se fijó.", "Audiencia.fijada_en", tipo=FECHA_HORA),
    ),
)

# --- fees -------------------------------------------------------------------------------------

HONORARIOS = Exportacion(
    codigo="honorarios",
    titulo="Honorarios",
    descripcion="Un renglón por honorario devengado en el período.",
    periodo="fecha en que se devengó el honorario (cierre del reclamo)",
    modelo=Honorario,
    campo_fecha="devengado_en",
    campo_regimen="reclamo__regimen_codigo",
    campo_oficina="reclamo__oficina",
    columnas=(
        Columna("reclamo", "Número del reclamo.", "Reclamo.numero", "reclamo__numero"),
        Columna(
            "conciliador_matricula",
            "Matrícula del conciliador.",
            "Conciliador.matricula",
            "conciliador__matricula",
        ),
        Columna("tipo", "basico o total.", "Honorario.tipo (D202-I.15, I.17)"),
        Columna(
            "a_cargo", "Quién paga: proveedor, fondo o consumidor.", "Honorario.a_cargo (D202-I.17)"
        ),
        Columna("estado", "Estado del honorario (código).", "Honorario.estado"),
        Columna(
            "estado_texto",
            "Estado, en palabras.",
            "Honorario.estado",
            "estado",
            etiquetas=_elecciones(Honorario.Estado.choices),
        ),
        Columna("devengado_en", "Cuándo se devengó.", "Honorario.devengado_en", tipo=FECHA_HORA),
        Columna(
            "fecha_cierre", "Fecha de cierre del reclamo.", "Honorario.fecha_cierre", tipo=FECHA
        ),
        Columna(
            "unidades", "Unidades de referencia del arancel.", "Honorario.unidades", tipo=DINERO
        ),
        Columna(
            "valor_unidad",
            "Valor de la unidad de referencia aplicado.",
            "Honorario.valor_unidad",
            tipo=DINERO,
        ),
        Columna(
            "monto", "Honorario liquidado (vacío: sin liquidar).", "Honorario.monto", tipo=DINERO
        ),
        Columna("pagado_el", "Fecha de pago.", "Honorario.pagado_el", tipo=FECHA),
        Columna(
            "total_cobrado_el",
            "Cobro del honorario total después del básico.",
            "Honorario.total_cobrado_el (D202-I.17)",
            tipo=FECHA,
        ),
        Columna(
            "monto_reintegro",
            "Reintegro del básico adeudado.",
            "Honorario.monto_reintegro (AR-17)",
            tipo=DINERO,
        ),
        Columna("reintegrado_el", "Fecha del reintegro.", "Honorario.reintegrado_el", tipo=FECHA),
    ),
)

# --- fines ------------------------------------------------------------------------------------

MULTAS = Exportacion(
    codigo="multas",
    titulo="Multas",
    descripcion="Un renglón por multa por incomparecencia certificada en el período.",
    periodo="fecha de la certificación del conciliador",
    modelo=Multa,
    campo_fecha="certificada_en",
    campo_regimen="reclamo__regimen_codigo",
    campo_oficina="reclamo__oficina",
    columnas=(
        Columna("reclamo", "Número del reclamo.", "Reclamo.numero", "reclamo__numero"),
        Columna(
            "proveedor_cuit",
            "CUIT del proveedor multado.",
            "ReclamoProveedor.identificador",
            "proveedor__identificador",
        ),
        Columna(
            "proveedor_razon_social",
            "Razón social del proveedor multado.",
            "ReclamoProveedor.razon_social",
            "proveedor__razon_social",
        ),
        Columna(
            "audiencia",
            "Día de la audiencia a la que no compareció.",
            "Audiencia.inicio",
            "audiencia__inicio",
            tipo=FECHA,
        ),
        Columna("estado", "Estado de la multa (código).", "Multa.estado"),
        Columna(
            "estado_texto",
            "Estado, en palabras.",
            "Multa.estado",
            "estado",
            etiquetas=_elecciones(Multa.Estado.choices),
        ),
        Columna(
            "certificada_en",
            "Certificación del conciliador.",
            "Multa.certificada_en (D202-I.16)",
            tipo=FECHA_HORA,
        ),
        Columna(
            "emitida_en",
            "Emisión del certificado definitivo.",
            "Multa.emitida_en (D202-I.16)",
            tipo=FECHA_HORA,
        ),
        Columna(
            "smvm",
            "Salario mínimo, vital y móvil aplicado.",
            "Multa.smvm (Ley 26.993 art. 16)",
            tipo=DINERO,
        ),
        Columna("monto", "Monto de la multa.", "Multa.monto (Ley 26.993 art. 16)", tipo=DINERO),
        Columna("firme_desde", "Firme desde.", "Multa.firme_desde", tipo=FECHA),
        Columna("pagada_el", "Fecha de pago.", "Multa.pagada_el", tipo=FECHA),
        Columna("monto_pagado", "Monto pagado.", "Multa.monto_pagado", tipo=DINERO),
        Columna(
            "parte_consumidor",
            "Parte del consumidor.",
            "Multa.parte_consumidor (decisión 0010)",
            tipo=DINERO,
        ),
        Columna("ejecucion_el", "Remisión a ejecución judicial.", "Multa.ejecucion_el", tipo=FECHA),
    ),
)

# --- the authority's export: one row per claim with its milestones ------------------------------

ADMISION = ("reclamo.admitido", "reclamo.recurso_admitido")
CONCLUSIONES = (
    Estado.HOMOLOGADO,
    Estado.CERRADO_SIN_ACUERDO,
    Estado.CERRADO_EXCEDE_TOPE,
    Estado.DESISTIDO,
    Estado.CADUCADO,
    Estado.INADMITIDO_FIRME,
)


def _anotar_autoridad(qs: QuerySet) -> QuerySet:
    celebradas = _del_reclamo(Audiencia).filter(estado=Audiencia.Estado.CELEBRADA)
    conclusion = Actuacion.objects.filter(
        reclamo=OuterRef("pk"), estado_hacia__in=CONCLUSIONES
    ).order_by("en", "pk")
    multas = _del_reclamo(Multa).exclude(estado=Multa.Estado.ANULADA)
    return qs.annotate(
        proveedor_cuit=_primero(_proveedores(), "identificador", "pk"),
        proveedor_razon_social=_primero(_proveedores(), "razon_social", "pk"),
        n_proveedores=_contar(_proveedores()),
        admitido_en=_primero(_actos(*ADMISION), "en"),
        inadmitido_en=_primero(_actos("reclamo.inadmitido"), "en"),
        designado_en=_primero(_del_reclamo(Designacion), "fecha"),
        conciliador_matricula=_primero(
            _del_reclamo(Designacion), "conciliador__matricula", "fecha"
        ),
        n_designaciones=_contar(_del_reclamo(Designacion)),
        primera_audiencia=_primero(celebradas, "inicio"),
        ultima_audiencia=Subquery(celebradas.order_by("-inicio", "-pk").values("inicio")[:1]),
        audiencias_celebradas=_contar(celebradas),
        incomparecencias_proveedor=_contar(
            celebradas.filter(resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR)
        ),
        acuerdo_firmado_en=_primero(_del_reclamo(Acuerdo), "creado_en"),
        acuerdo_monto=Subquery(
            _del_reclamo(Acuerdo).order_by("-version").values("monto_total")[:1]
        ),
        homologado_en=_primero(_actos("homologacion.homologado"), "en"),
        homologacion_denegada_en=_primero(_actos("homologacion.denegada"), "en"),
        conclusion_estado=Subquery(conclusion.values("estado_hacia")[:1]),
        conclusion_en=Subquery(conclusion.values("en")[:1]),
        informe_cierre_en=_primero(_del_reclamo(InformeDeCierre), "presentado_en"),
        informe_cierre_tarde=_primero(_del_reclamo(InformeDeCierre), "fuera_de_plazo", "pk"),
        incumplimiento_en=_primero(_del_reclamo(Incumplimiento), "denunciado_en"),
        incumplimiento_resultado=Subquery(
            _del_reclamo(Incumplimiento).order_by("-denunciado_en", "-pk").values("resultado")[:1]
        ),
        n_multas=_contar(multas),
        multas_monto=_sumar(multas, "monto"),
        multas_pagado=_sumar(multas, "monto_pagado"),
    )


AUTORIDAD = Exportacion(
    codigo="autoridad",
    titulo="Informe a la autoridad nacional (COPREC)",
    descripcion="Un renglón por reclamo COPREC presentado en el período, con los hitos del "
    "procedimiento: presentación, admisión, designación, audiencias, resultado, homologación, "
    "incumplimiento, multas y honorario.",
    periodo="fecha de presentación del reclamo",
    modelo=Reclamo,
    campo_fecha="presentado_en",
    campo_regimen="regimen_codigo",
    campo_oficina="oficina",
    anotar=_anotar_autoridad,
    columnas=(
        Columna(
            "numero",
            "Número del reclamo.",
            "Ley 26.993 art. 7; D202-I.6 (formulario y presentación)",
        ),
        Columna(
            "presentado_en",
            "Presentación del reclamo.",
            "D202-I.6; Ley 26.993 art. 6 (interrupción de la prescripción)",
            tipo=FECHA_HORA,
        ),
        Columna(
            "canal",
            "en_linea u oficina (lo cargó el personal en una oficina).",
            "D202-I.6 (presentación personal o en línea)",
            "cargado_por",
            etiquetas=lambda v: "oficina" if v else "en_linea",
        ),
        Columna("oficina", "Oficina donde se presentó.", "D202-I.6", "oficina__razon_social"),
        Columna("consumidor_dni", "DNI del consumidor.", "D202-I.17 a) (partes del conflicto)"),
        Columna(
            "proveedores",
            "Cantidad de proveedores reclamados.",
            "D202-I.2, I.11 (litisconsorcio, ampliación)",
            "n_proveedores",
            tipo=ENTERO,
        ),
        Columna("proveedor_cuit", "CUIT del primer proveedor.", "D202-I.17 a); Ley 26.993 art. 10"),
        Columna("proveedor_razon_social", "Razón social del primer proveedor.", "D202-I.17 a)"),
        Columna(
            "monto", "Monto reclamado.", "D202-I.2; D202-I.17 c) (monto del reclamo)", tipo=DINERO
        ),
        Columna(
            "monto_indeterminado",
            "Declaración jurada de no superar el tope.",
            "D202-I.2",
            tipo=SI_NO,
        ),
        Columna(
            "metodo_designacion",
            "a sorteo, b acuerdo, c elección del consumidor.",
            "Ley 26.993 art. 7; D202-I.7",
        ),
        Columna(
            "admitido_en", "Admisión (o recurso admitido).", "D202-I.6 (T10, T9)", tipo=FECHA_HORA
        ),
        Columna(
            "inadmitido_en", "Primera resolución de no admisión.", "D202-I.6 (T7)", tipo=FECHA_HORA
        ),
        Columna(
            "designado_en", "Primera designación del conciliador.", "D202-I.7", tipo=FECHA_HORA
        ),
        Columna(
            "conciliador_matricula",
            "Matrícula del primer conciliador designado.",
            "D202-I.7; Ley 26.993 art. 4",
        ),
        Columna(
            "designaciones",
            "Designaciones (más de una: excusación, recusación o reemplazo).",
            "D202-I.7",
            "n_designaciones",
            tipo=ENTERO,
        ),
        Columna(
            "primera_audiencia",
            "Primera audiencia celebrada.",
            "Ley 26.993 art. 7 último párrafo; D202-I.10",
            tipo=FECHA_HORA,
        ),
        Columna(
            "ultima_audiencia",
            "Última audiencia celebrada.",
            "D202-I.11, I.17 (AR-16 corre desde la última)",
            tipo=FECHA_HORA,
        ),
        Columna(
            "audiencias_celebradas",
            "Audiencias celebradas.",
            "Ley 26.993 art. 12; D202-I.11",
            tipo=ENTERO,
        ),
        Columna(
            "incomparecencias_proveedor",
            "Audiencias a las que el proveedor no compareció.",
            "Ley 26.993 art. 16",
            tipo=ENTERO,
        ),
        Columna(
            "acuerdo_firmado_en",
            "Firma del primer acta de acuerdo.",
            "Ley 26.993 art. 11; D202-I.11",
            tipo=FECHA_HORA,
        ),
        Columna(
            "acuerdo_monto",
            "Suma acordada (última versión del acuerdo).",
            "D202-I.12 d)",
            tipo=DINERO,
        ),
        Columna("homologado_en", "Homologación del acuerdo.", "D202-I.12, I.14", tipo=FECHA_HORA),
        Columna(
            "homologacion_denegada_en",
            "Denegación de la homologación.",
            "D202-I.14",
            tipo=FECHA_HORA,
        ),
        Columna(
            "resultado",
            "Cómo concluyó la instancia (estado al concluir; vacío: en trámite).",
            "D202-I.17 d) (resultado de la conciliación)",
            "conclusion_estado",
        ),
        Columna(
            "resultado_texto",
            "Resultado, en palabras.",
            "D202-I.17 d)",
            "conclusion_estado",
            etiquetas=ESTADO_TEXTO,
        ),
        Columna(
            "concluido_en",
            "Cuándo concluyó la instancia.",
            "D202-I.6, I.17",
            "conclusion_en",
            tipo=FECHA_HORA,
        ),
        Columna(
            "informe_cierre_en",
            "Informe de cierre sin acuerdo del conciliador.",
            "D202-I.17 (AR-14, 2 días)",
            tipo=FECHA_HORA,
        ),
        Columna(
            "informe_cierre_fuera_de_plazo",
            "El informe se presentó fuera de plazo.",
            "D202-I.17 (AR-14)",
            "informe_cierre_tarde",
            tipo=SI_NO,
        ),
        Columna(
            "incumplimiento_en",
            "Denuncia de incumplimiento del acuerdo homologado.",
            "D202-I.19",
            tipo=FECHA_HORA,
        ),
        Columna(
            "incumplimiento_resultado",
            "pendiente, cumplido o incumplido (remitido por art. 46 Ley 24.240).",
            "D202-I.19",
        ),
        Columna(
            "multas",
            "Multas por incomparecencia (sin las anuladas).",
            "Ley 26.993 art. 16; D202-I.16",
            "n_multas",
            tipo=ENTERO,
        ),
        Columna("multas_monto", "Suma de las multas con monto.", "Ley 26.993 art. 16", tipo=DINERO),
        Columna("multas_pagado", "Suma pagada de las multas.", "D202-I.16", tipo=DINERO),
        Columna("honorario_tipo", "basico o total.", "D202-I.15, I.17", "honorario__tipo"),
        Columna("honorario_a_cargo", "Quién paga el honorario.", "D202-I.17", "honorario__a_cargo"),
        Columna(
            "honorario_monto",
            "Honorario liquidado.",
            "D202-I.15; Ley 26.993 art. 15",
            "honorario__monto",
            tipo=DINERO,
        ),
        Columna("honorario_estado", "Estado del honorario.", "D202-I.17", "honorario__estado"),
        Columna("estado", "Estado actual del reclamo (código).", "Reclamo.estado (DOMAIN §2.1)"),
    ),
)

EXPORTACIONES: dict[str, Exportacion] = {
    e.codigo: e for e in (RECLAMOS, AUDIENCIAS, HONORARIOS, MULTAS, AUTORIDAD)
}


def obtener(codigo: str) -> Exportacion | None:
    return EXPORTACIONES.get(codigo)
