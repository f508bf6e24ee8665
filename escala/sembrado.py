"""Seeding a database at an agency's scale (issue 13): N claims in a realistic mix of both
régimes, written with PostgreSQL COPY (or executemany on SQLite, for the tests), plus the
accounts a benchmark logs in as (PERSONAS).

Each claim follows a path of transitions of its régimen's table (reclamos.estados) from
BORRADOR to its final state: one Actuacion per transition, and the plazos each transition opens
and closes, computed with the real calendar (memoised per start day). Terms still open at the
end are running (due in the future) or, when their due moment has passed, expired awaiting
staff (estado "vencido", requiere_atencion). Hearings, designations, agreements, mediation
files, proposals, issued documents (metadata only: no PDF file is written) and notices follow
the path too.

The rows are written with explicit primary keys; the sequences are reset at the end. A marker
table (`escala_sembrado`) records every run; a database that holds claims or accounts but no
marker is refused (real data).
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import io
import json
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from audiencias.models import Acuerdo, Audiencia, Cedula
from conciliadores.models import Conciliador, Designacion
from cuentas.alcance import regimenes_por_defecto
from cuentas.models import ClaveApi, Membresia, Organizacion, Usuario
from cuentas.roles import ROLES_PERSONAL, Rol
from documentos.models import ContadorDocumento, Documento, TipoDocumento
from normativa.regimenes import obtener
from normativa.regimenes.coprec import COPREC
from normativa.regimenes.coprec_transiciones import TRANSICIONES as TRANSICIONES_COPREC
from normativa.regimenes.peru import PERU
from normativa.regimenes.peru_transiciones import TRANSICIONES as TRANSICIONES_PERU
from notificaciones.models import Notificacion
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import (
    Actuacion,
    AdhesionMediacion,
    ContadorNumeracion,
    Mediacion,
    PropuestaMediacion,
    Reclamo,
    ReclamoProveedor,
)

MARCADOR = "escala_sembrado"
CONTRASENA = "clave-de-escala-123"

# The accounts a benchmark logs in as, one per role (e-mail -> (role, description)).
PERSONAS = {
    "consumidora": ("escala-consumidora@example.com", Rol.CONSUMIDOR),
    "consumidora_pe": ("escala-consumidora-pe@example.com", Rol.CONSUMIDOR),
    "proveedor": ("escala-proveedor@example.com", Rol.REPRESENTANTE),
    "proveedor_pe": ("escala-proveedor-pe@example.com", Rol.REPRESENTANTE),
    "admision": ("escala-admision@autoridad.example", Rol.ADMISION),
    "multas": ("escala-multas@autoridad.example", Rol.ADMISION),
    "homologacion": ("escala-homologacion@autoridad.example", Rol.HOMOLOGACION),
    "conciliador": ("escala-conciliador@conciliadores.example", Rol.CONCILIADOR),
    "registro": ("escala-registro@autoridad.example", Rol.REGISTRO),
    "funcionario": ("escala-funcionario@indecopi.example", Rol.FUNCIONARIO),
    "administrador": ("escala-admin@autoridad.example", Rol.ADMINISTRADOR),
}
# The provider holding a quarter of all claims, and its counterpart in Peru (check digit added).
CUERPO_CUIT_GRANDE = 50001091
CUERPO_RUC_GRANDE = 10004721

E = Estado
P = ["presentar"]
ADM = [*P, "admitir"]
TURNO = [*ADM, "esperar_turno"]
FIJADA = [*TURNO, "designar_por_sorteo", "fijar_audiencia"]
CONC = [*FIJADA, "celebrar_primera_audiencia"]
HOMOL = [*CONC, "firmar_acuerdo", "elevar_a_homologacion"]
HOMOLOGADO = [*HOMOL, "homologar"]
CUMPL = [*HOMOLOGADO, "iniciar_cumplimiento"]
CSA = [*CONC, "cerrar_sin_acuerdo"]

# (final state, weight, path of transitions). Weights follow a caseload where most claims are
# closed (COPREC's published figures: about half end without agreement or are archived).
CAMINOS_COPREC = [
    (E.BORRADOR, 3, []),
    (E.EN_ADMISION, 6, P),
    (E.REQUERIMIENTO, 2, [*P, "requerir"]),
    (E.INADMITIDO, 1, [*P, "inadmitir"]),
    (E.RECURSO_EN_TRAMITE, 0.5, [*P, "inadmitir", "recurrir"]),
    (E.INADMITIDO_FIRME, 4, [*P, "inadmitir", "firmar_inadmision"]),
    (E.ESPERA_TURNO, 3, TURNO),
    (E.ESPERA_DOC_AUTONOMO, 1, [*ADM, "esperar_documento_autonomo"]),
    (E.CADUCADO, 1, [*ADM, "esperar_documento_autonomo", "caducar"]),
    (E.CONCILIADOR_DESIGNADO, 1.5, [*ADM, "designar_por_eleccion"]),
    (E.AUDIENCIA_FIJADA, 5, FIJADA),
    (E.EN_CONCILIACION, 3, CONC),
    (E.INCOMPARECENCIA_PROVEEDOR, 1, [*FIJADA, "registrar_incomparecencia_proveedor"]),
    (E.ACUERDO_FIRMADO, 0.5, [*CONC, "firmar_acuerdo"]),
    (E.EN_HOMOLOGACION, 2, HOMOL),
    (E.OBSERVADO, 0.5, [*HOMOL, "observar_acuerdo"]),
    (E.HOMOLOGADO, 2, HOMOLOGADO),
    (E.EN_CUMPLIMIENTO, 4, CUMPL),
    (E.CUMPLIDO, 8, [*CUMPL, "registrar_cumplimiento"]),
    (E.CERRADO_SIN_ACUERDO, 18, CSA),
    (E.CERRADO_EXCEDE_TOPE, 1, [*ADM, "cerrar_por_tope"]),
    (E.DESISTIDO, 5, [*P, "desistir"]),
    (E.ARCHIVADO, 25, [*CSA, "archivar"]),
]
PE_MED = [*P, "registrar", "iniciar_mediacion"]
PE_PROP = [*PE_MED, "proponer"]
PE_SIN = [*PE_MED, "concluir_sin_acuerdo"]
CAMINOS_PERU = [
    (E.SOLICITADO, 5, P),
    (E.REGISTRADO, 5, [*P, "registrar"]),
    (E.EN_MEDIACION, 12, PE_MED),
    (E.PROPUESTA_PROVEEDOR, 5, PE_PROP),
    (E.AUDIENCIA_CONVOCADA, 5, [*PE_MED, "convocar_audiencia"]),
    (E.CONCLUIDO_CON_ACUERDO, 8, [*PE_PROP, "dar_conformidad"]),
    (E.CUMPLIMIENTO_COMUNICADO, 10, [*PE_PROP, "dar_conformidad", "comunicar_cumplimiento"]),
    (E.SIN_ACUERDO, 10, PE_SIN),
    (E.CONCLUIDO, 20, [*PE_SIN, "concluir"]),
    (E.ARCHIVADO, 15, [*PE_SIN, "concluir", "archivar"]),
    (E.DESISTIDO, 5, [*P, "registrar", "desistir"]),
]
PROPORCION_PERU = 0.2
CUPO_PERSONA = 250  # claims of each persona consumer (the benchmark's "many claims")
# Positions in a Plazo row (see _tablas).
P_VENCE_EN, P_ESTADO, P_ATENCION, P_CERRADO = 13, 14, 20, 22
ABIERTOS_COPREC = {
    E.BORRADOR,
    E.EN_ADMISION,
    E.REQUERIMIENTO,
    E.INADMITIDO,
    E.RECURSO_EN_TRAMITE,
    E.ESPERA_TURNO,
    E.ESPERA_DOC_AUTONOMO,
    E.CONCILIADOR_DESIGNADO,
    E.AUDIENCIA_FIJADA,
    E.EN_CONCILIACION,
    E.INCOMPARECENCIA_PROVEEDOR,
    E.ACUERDO_FIRMADO,
    E.EN_HOMOLOGACION,
    E.OBSERVADO,
    E.HOMOLOGADO,
    E.EN_CUMPLIMIENTO,
    E.SOLICITADO,
    E.REGISTRADO,
    E.EN_MEDIACION,
    E.PROPUESTA_PROVEEDOR,
    E.AUDIENCIA_CONVOCADA,
    E.CONCLUIDO_CON_ACUERDO,
}

NOMBRES = [
    "Lucía",
    "Marta",
    "Juan",
    "Carlos",
    "Ana",
    "Sofía",
    "Diego",
    "Pablo",
    "Laura",
    "Julia",
    "Martín",
    "Rosa",
    "Pedro",
    "Inés",
]
APELLIDOS = [
    "Fernández",
    "López",
    "Gómez",
    "Pérez",
    "Díaz",
    "Romero",
    "Sosa",
    "Torres",
    "Ruiz",
    "Álvarez",
    "Acosta",
    "Quispe",
]
CALLES = ["Corrientes", "Rivadavia", "Santa Fe", "Callao", "Belgrano", "Mitre", "Arequipa"]
RUBROS = [
    "Telefonía",
    "Electro",
    "Banco",
    "Seguros",
    "Viajes",
    "Muebles",
    "Internet",
    "Supermercado",
    "Autos",
    "Salud",
]


class BaseConDatos(Exception):
    """The database holds data that this command did not write."""


# --- writing -----------------------------------------------------------------------------------


class TextoCopy(str):
    """A value already in COPY text format (a JSON document shared by many rows)."""


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _texto_copy(valor) -> str:
    # Called once per value of millions of rows: the common types first, by exact type.
    tipo = type(valor)
    if tipo is TextoCopy:
        return valor
    if tipo is str:
        if "\\" in valor or "\t" in valor or "\n" in valor or "\r" in valor:
            return valor.translate(_ESCAPES)
        return valor
    if tipo is int:
        return str(valor)
    if valor is None:
        return "\\N"
    if valor is True:
        return "t"
    if valor is False:
        return "f"
    if isinstance(valor, datetime.datetime | datetime.date):
        return valor.isoformat()
    if isinstance(valor, dict | list):
        return json.dumps(valor, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return str(valor).translate(_ESCAPES)


class _Textos(dict):
    """COPY text of hashable values, memoised: formatting an aware datetime takes microseconds
    (about 20 times an int), and a seed writes a few million distinct instants (minutes of two
    years) some 20 times each. Cleared when it grows past two million entries."""

    def __missing__(self, valor):
        if len(self) > 2_000_000:
            self.clear()
        texto = self[valor] = _texto_copy(valor)
        return texto


TEXTOS = _Textos()


class Escritor:
    """Buffers rows per model and writes them with COPY (PostgreSQL) or executemany."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.columnas: dict[type, list[str]] = {}
        self.filas: dict[type, list[tuple]] = {}
        self.orden: list[type] = []
        self.totales: dict[str, int] = {}
        self.segundos: dict[str, float] = {}
        self.formato: dict[str, float] = {}
        self.plantillas: dict[type, str] = {}
        self.especiales: dict[type, list[tuple]] = {}

    def tabla(self, modelo, columnas: str) -> None:
        self.columnas[modelo] = columnas.split()
        self.filas[modelo] = []
        self.orden.append(modelo)
        campos = [modelo._meta.get_field(n) for n in self.columnas[modelo]]
        # COPY text with one str.format per row: str() of the seeder's ints, texts, booleans
        # ("True" is a boolean's input too), decimals and UUIDs is already their COPY text.
        # Dates and datetimes go through the memo, other nullable and JSON columns through
        # _texto_copy (None, objects).
        self.plantillas[modelo] = "\t".join(["{}"] * len(campos)) + "\n"
        self.especiales[modelo] = [
            (i, TEXTOS.__getitem__ if isinstance(c, models.DateField) else _texto_copy)
            for i, c in enumerate(campos)
            if c.null or isinstance(c, models.JSONField | models.DateField)
        ]

    def fila(self, modelo, *valores) -> None:
        self.filas[modelo].append(valores)

    def tomar(self) -> dict[type, list]:
        """Detaches the buffered rows (to write them while the next batch is generated)."""
        filas, self.filas = self.filas, {modelo: [] for modelo in self.orden}
        return filas

    def volcar(self, lote: dict[type, list] | None = None) -> None:
        lote = self.filas if lote is None else lote
        with connection.cursor() as cursor:
            if self.pg:
                # Bulk load: the rows are consistent by construction, so the per-row foreign key
                # triggers are skipped for this transaction (checks and unique indexes still
                # apply); a commit need not wait for the WAL flush.
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute("SET LOCAL synchronous_commit = off")
            for modelo in self.orden:
                filas = lote[modelo]
                if not filas:
                    continue
                t0 = time.perf_counter()
                tabla = modelo._meta.db_table
                nombres = self.columnas[modelo]
                columnas = [
                    connection.ops.quote_name(modelo._meta.get_field(n).column) for n in nombres
                ]
                if self.pg:
                    buffer = io.StringIO(self._texto(modelo, filas))
                    self.formato[tabla] = self.formato.get(tabla, 0) + time.perf_counter() - t0
                    cursor.cursor.copy_expert(
                        f'COPY "{tabla}" ({", ".join(columnas)}) FROM STDIN', buffer
                    )
                else:
                    campos = [modelo._meta.get_field(n) for n in nombres]
                    preparadas = [
                        tuple(
                            c.get_db_prep_save(v, connection)
                            for c, v in zip(campos, f, strict=True)
                        )
                        for f in filas
                    ]
                    marcas = ", ".join(["%s"] * len(columnas))
                    cursor.executemany(
                        f'INSERT INTO "{tabla}" ({", ".join(columnas)}) VALUES ({marcas})',  # noqa: S608
                        preparadas,
                    )
                self.totales[tabla] = self.totales.get(tabla, 0) + len(filas)
                self.segundos[tabla] = self.segundos.get(tabla, 0) + time.perf_counter() - t0
                filas.clear()

    def _texto(self, modelo, filas: list) -> str:
        """The rows in COPY text format. The seeder's plain texts carry no tab, newline or
        backslash; the counts below check the first two per batch, and a batch that fails them
        is written value by value with every escape instead."""
        plantilla, especiales = self.plantillas[modelo].format, self.especiales[modelo]
        if type(filas[0]) is str:
            # Lines the generator formatted itself (the big tables on PostgreSQL: _Lineas).
            partes = filas
        elif especiales:
            partes = []
            for fila in filas:
                fila = list(fila)
                for i, texto in especiales:
                    fila[i] = texto(fila[i])
                partes.append(plantilla(*fila))
        else:
            partes = [plantilla(*fila) for fila in filas]
        texto = "".join(partes)
        n = len(self.columnas[modelo])
        lineas, tabs = texto.count("\n"), texto.count("\t")
        if lineas == len(filas) and tabs == len(filas) * (n - 1) and "\r" not in texto:
            return texto
        if partes is filas:
            raise ValueError(f"{modelo._meta.db_table}: una línea COPY mal formada")
        return "".join("\t".join(map(_texto_copy, fila)) + "\n" for fila in filas)


def _volcar_en_hilo(escritor: Escritor, filas: dict[type, list]) -> None:
    try:
        with transaction.atomic():
            escritor.volcar(filas)
    finally:
        connection.close()


class Ids:
    """Explicit primary keys, starting after the largest one present. With several worker
    processes, worker k of W issues start + k, start + k + W, … (`repartir`)."""

    def __init__(self):
        self.siguiente: dict[type, int] = {}
        self.paso = 1

    def preparar(self, modelos) -> None:
        for modelo in modelos:
            if modelo not in self.siguiente:
                with connection.cursor() as cursor:
                    cursor.execute(f'SELECT MAX(id) FROM "{modelo._meta.db_table}"')  # noqa: S608 (model)
                    self.siguiente[modelo] = (cursor.fetchone()[0] or 0) + 1

    def repartir(self, trabajador: int, trabajadores: int) -> None:
        self.paso = trabajadores
        for modelo in self.siguiente:
            self.siguiente[modelo] += trabajador

    def __call__(self, modelo) -> int:
        if modelo not in self.siguiente:
            self.preparar([modelo])
        valor = self.siguiente[modelo]
        self.siguiente[modelo] = valor + self.paso
        return valor


# --- the marker ---------------------------------------------------------------------------------


def _hay_marcador() -> bool:
    return MARCADOR in connection.introspection.table_names()


INDICES = "escala_indices_quitados"


def _quitar_indices(escritor: Escritor) -> None:
    """Drops the non-unique secondary indexes of the tables the claims loop writes, keeping their
    definitions in a table (a run stopped half-way rebuilds them at its next start)."""
    tablas = [m._meta.db_table for m in escritor.orden]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {INDICES} (nombre text PRIMARY KEY, definicion text)"
        )
        cursor.execute(
            "SELECT ci.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = ct.relnamespace "
            "WHERE n.nspname = current_schema() AND ct.relname = ANY(%s) "
            "AND NOT i.indisunique AND NOT i.indisprimary",
            [tablas],
        )
        for nombre, definicion in cursor.fetchall():
            cursor.execute(
                f"INSERT INTO {INDICES} (nombre, definicion) VALUES (%s, %s) "  # noqa: S608 (constant)
                "ON CONFLICT DO NOTHING",
                [nombre, definicion],
            )
            cursor.execute(f'DROP INDEX "{nombre}"')


def _reponer_indices() -> int:
    """Rebuilds the indexes _quitar_indices dropped (two at a time: this machine has 2 cores)."""
    if INDICES not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nombre, definicion FROM {INDICES} ORDER BY nombre")  # noqa: S608 (constant)
        pendientes = cursor.fetchall()
    if not pendientes:
        return 0

    def construir(fila):
        nombre, definicion = fila
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                cursor.execute(definicion.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
                cursor.execute(f"DELETE FROM {INDICES} WHERE nombre = %s", [nombre])  # noqa: S608 (constant)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as hilos:
        list(hilos.map(construir, pendientes))
    return len(pendientes)


def verificar_base() -> None:
    """Refuses a database with claims or accounts that no seeding run wrote."""
    if _hay_marcador():
        return
    if Reclamo.objects.exists() or Usuario.objects.exists():
        raise BaseConDatos(
            "La base ya tiene reclamos o cuentas que no cargó sembrar_escala: no se siembra "
            "sobre datos reales. Usá una base nueva (createdb) y migrate."
        )


def _marcar(semilla: int, reclamos: int) -> None:
    with connection.cursor() as cursor:
        if not _hay_marcador():
            cursor.execute(
                f"CREATE TABLE {MARCADOR} (id integer PRIMARY KEY, semilla integer NOT NULL, "
                "reclamos integer NOT NULL, en varchar(40) NOT NULL)"
            )
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {MARCADOR}")  # noqa: S608
        siguiente = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {MARCADOR} (id, semilla, reclamos, en) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [siguiente, semilla, reclamos, timezone.now().isoformat()],
        )


# --- identifiers ---------------------------------------------------------------------------------


def cuit(prefijo: int, cuerpo: int) -> str:
    from stdnum.ar import cuit as stdnum_cuit

    base = f"{prefijo:02d}{cuerpo:08d}"
    return base + stdnum_cuit.calc_check_digit(base)


def ruc(cuerpo: int) -> str:
    from stdnum.pe import ruc as stdnum_ruc

    base = f"20{cuerpo:08d}"
    return base + stdnum_ruc.calc_check_digit(base)


# --- the seeding run ----------------------------------------------------------------------------


@dataclass
class Proveedor:
    id: int
    identificador: str
    tipo: str
    razon_social: str
    domicilio: str
    electronico: str


@dataclass
class Contexto:
    rng: random.Random
    ahora: datetime.datetime
    ids: Ids
    escritor: Escritor
    ct_reclamo: int
    ct_audiencia: int
    personas: dict[str, Usuario] = field(default_factory=dict)
    conciliadores: list[tuple[int, int]] = field(default_factory=list)  # (conciliador, usuario)
    funcionarios: list[int] = field(default_factory=list)
    staff_admision: int = 0
    turnos: dict[int, int] = field(default_factory=dict)
    numeros: dict[tuple[str, int], int] = field(default_factory=dict)
    numeros_doc: dict[tuple[str, int], int] = field(default_factory=dict)
    plazos_cache: dict = field(default_factory=dict)
    calendarios: dict = field(default_factory=dict)
    conciliador_persona: tuple[int, int] = (0, 0)
    funcionario_persona: int = 0
    ultima_audiencia: int = 0
    cupo_personas: dict[str, int] = field(default_factory=lambda: {"ar": 0, "pe": 0})
    cupo_maximo: int = CUPO_PERSONA
    # Worker `trabajador` of `trabajadores` (numbers and slots interleave like the ids).
    trabajador: int = 0
    trabajadores: int = 1
    parte_persona: float = 0.01
    vacio: object = None  # {} as written by the writer (a shared COPY value on PostgreSQL)
    lista_vacia: object = None
    zona: object = None  # the current time zone, read once (timezone.localtime is slow)
    lineas: _Lineas | None = None  # PostgreSQL: big tables formatted by the generator


def sembrar(reclamos: int, semilla: int = 1, salida=None, procesos: int = 2) -> dict:
    """Seeds `reclamos` claims; returns the row counts per table and the seconds taken."""
    inicio = time.perf_counter()
    verificar_base()
    if connection.vendor == "postgresql":
        _reponer_indices()  # left by a run that stopped half-way
    escribir = salida or (lambda texto: None)
    ctx = Contexto(
        rng=random.Random(semilla),  # noqa: S311 (reproducible data, not secrets)
        ahora=timezone.now().replace(microsecond=0),
        zona=timezone.get_current_timezone(),
        ids=Ids(),
        escritor=Escritor(),
        ct_reclamo=ContentType.objects.get_for_model(Reclamo).pk,
        ct_audiencia=ContentType.objects.get_for_model(Audiencia).pk,
    )
    ctx.parte_persona = min(0.05, 2 * CUPO_PERSONA / reclamos)
    if ctx.escritor.pg:
        ctx.lineas = _Lineas()
    ctx.vacio = _compartido(ctx, {})
    ctx.lista_vacia = _compartido(ctx, [])
    with transaction.atomic():
        _marcar(semilla, reclamos)
        _personas(ctx)
    _tablas(ctx.escritor)
    n_proveedores_ar = max(10, reclamos // 40)
    n_proveedores_pe = max(5, reclamos // 160)
    with transaction.atomic():
        proveedores_ar, proveedores_pe = _proveedores(ctx, n_proveedores_ar, n_proveedores_pe)
        _conciliadores_y_funcionarios(ctx, max(10, reclamos // 4000), max(3, reclamos // 20000))
        ctx.escritor.volcar()
    escribir(f"Proveedores y conciliadores: {time.perf_counter() - inicio:.1f} s")

    en_paralelo = ctx.escritor.pg and not connection.in_atomic_block
    if en_paralelo:
        # Secondary indexes are built once after the load (a sort each) instead of being
        # maintained row by row; unique ones stay, so every duplicate still fails at once.
        _quitar_indices(ctx.escritor)
        escribir(f"Índices secundarios quitados: {time.perf_counter() - inicio:.1f} s")
    if en_paralelo and procesos > 1:
        _cargar_en_procesos(
            ctx, reclamos, procesos, semilla, (proveedores_ar, proveedores_pe), inicio, escribir
        )
    else:
        _cargar(ctx, reclamos, proveedores_ar, proveedores_pe, inicio, escribir)
    if en_paralelo:
        t0 = time.perf_counter()
        n = _reponer_indices()
        escribir(f"{n} índices secundarios reconstruidos en {time.perf_counter() - t0:.1f} s")
    with transaction.atomic():
        _contadores(ctx)
        _reiniciar_secuencias()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    totales = dict(ctx.escritor.totales)
    escribir(f"COPY/INSERT: {sum(ctx.escritor.segundos.values()):.1f} s en total")
    for tabla, s in sorted(ctx.escritor.segundos.items(), key=lambda x: -x[1]):
        escribir(f"  {tabla}: {s:.1f} s ({ctx.escritor.formato.get(tabla, 0):.1f} s formato)")
    totales["segundos"] = round(time.perf_counter() - inicio, 1)
    return totales


def _cargar(ctx: Contexto, reclamos: int, proveedores_ar, proveedores_pe, inicio, escribir):
    # Consumers: 90 % file one claim, 10 % between 2 and 6 (the personas many more).
    # On PostgreSQL outside a transaction, a second thread (its own connection) writes each
    # batch while the next one is generated: COPY waits on the server, generation on the CPU.
    en_paralelo = ctx.escritor.pg and not connection.in_atomic_block
    lote = 10_000
    hechos = 0
    pendiente = None
    # The rows make no reference cycles and are freed by reference counting once written; the
    # cyclic collector would only walk the batch's millions of tuples again and again (a fifth
    # of the generation's CPU).
    recolector = gc.isenabled()
    gc.disable()
    try:
        with ThreadPoolExecutor(max_workers=1) as hilo:
            while hechos < reclamos:
                n = min(lote, reclamos - hechos)
                _lote(ctx, n, proveedores_ar, proveedores_pe)
                filas = ctx.escritor.tomar()
                if en_paralelo:
                    if pendiente is not None:
                        pendiente.result()
                    pendiente = hilo.submit(_volcar_en_hilo, ctx.escritor, filas)
                else:
                    with transaction.atomic():
                        ctx.escritor.volcar(filas)
                hechos += n
                if hechos % 50_000 == 0 or hechos == reclamos:
                    quien = f" (proceso {ctx.trabajador + 1})" if ctx.trabajadores > 1 else ""
                    escribir(
                        f"{hechos} reclamos generados{quien}: {time.perf_counter() - inicio:.1f} s"
                    )
            if pendiente is not None:
                pendiente.result()
    finally:
        if recolector:
            gc.enable()


_TRABAJO: dict = {}


def _cargar_en_procesos(ctx, reclamos, procesos, semilla, proveedores, inicio, escribir):
    """Splits the claims among `procesos` forked workers (this machine has 2 cores and the
    generation is Python, bound to one core per process). Worker k issues the ids, numbers and
    hearing slots k, k + W, k + 2W, … after what the database holds, so they never collide;
    the counters end at the largest number any worker issued."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from django.db import connections

    ctx.ids.preparar(ctx.escritor.orden)
    _TRABAJO.update(
        ctx=ctx,
        reclamos=reclamos,
        procesos=procesos,
        semilla=semilla,
        proveedores=proveedores,
        inicio=inicio,
        escribir=escribir,
    )
    connections.close_all()
    with ProcessPoolExecutor(max_workers=procesos, mp_context=get_context("fork")) as grupo:
        resultados = list(grupo.map(_trabajar, range(procesos)))
    w = ctx.escritor
    for totales, segundos, formato, numeros, numeros_doc in resultados:
        for destino, origen in ((w.totales, totales), (w.segundos, segundos)):
            for tabla, valor in origen.items():
                destino[tabla] = destino.get(tabla, 0) + valor
        for tabla, valor in formato.items():
            w.formato[tabla] = w.formato.get(tabla, 0) + valor
        for destino, origen in ((ctx.numeros, numeros), (ctx.numeros_doc, numeros_doc)):
            for clave, ultimo in origen.items():
                destino[clave] = max(destino.get(clave, 0), ultimo)


def _trabajar(trabajador: int):
    """One worker process: its share of the claims (see _cargar_en_procesos)."""
    t = _TRABAJO
    ctx, procesos = t["ctx"], t["procesos"]
    ctx.rng = random.Random(f"{t['semilla']}-{trabajador}")  # noqa: S311 (seeded data, not secrets)
    ctx.trabajador, ctx.trabajadores = trabajador, procesos
    ctx.ids.repartir(trabajador, procesos)
    ctx.cupo_maximo = CUPO_PERSONA // procesos + (trabajador < CUPO_PERSONA % procesos)
    w = ctx.escritor
    w.totales, w.segundos, w.formato = {}, {}, {}
    parte = t["reclamos"] // procesos + (trabajador < t["reclamos"] % procesos)
    (ar, pe) = t["proveedores"]
    try:
        _cargar(ctx, parte, ar, pe, t["inicio"], t["escribir"])
    finally:
        connection.close()
    # The last number issued per counter (the largest: each worker issues in increasing order).
    return w.totales, w.segundos, w.formato, dict(ctx.numeros), dict(ctx.numeros_doc)


def _tablas(w: Escritor) -> None:
    w.tabla(
        Usuario,
        (
            "id password email nombre apellido dni telefono rol is_active is_staff "
            "is_superuser creado_en regimenes"
        ),
    )
    from allauth.account.models import EmailAddress

    w.tabla(EmailAddress, "id user email verified primary")
    w.tabla(
        Organizacion,
        (
            "id tipo tipo_identificador identificador razon_social domicilio_legal "
            "domicilio_electronico pais estado observacion creada_en"
        ),
    )
    w.tabla(
        AdhesionMediacion,
        (
            "id tipo regimen_codigo usuario estado nombres apellidos documento_tipo "
            "documento_numero telefono terminos_version terminos_sha256 "
            "terminos_aceptados_por terminos_aceptados_en solicitada_en observacion"
        ),
    )
    w.tabla(
        Reclamo,
        (
            "id numero regimen_codigo regimen_version estado consumidor consumidor_nombre "
            "consumidor_apellido consumidor_dni consumidor_domicilio consumidor_email "
            "consumidor_telefono hechos objeto monto monto_indeterminado lugar "
            "metodo_designacion valor_tope_unidad tope paso_borrador creado_en presentado_en "
            "actualizado_en"
        ),
    )
    w.tabla(
        ReclamoProveedor,
        (
            "id reclamo organizacion tipo_identificador identificador razon_social "
            "domicilio_legal agregado_en citado_en presentado_en"
        ),
    )
    w.tabla(
        Actuacion,
        (
            "id reclamo codigo por rol en estado_desde estado_hacia texto datos fuente "
            "visible_para_partes"
        ),
    )
    w.tabla(
        Plazo,
        (
            "id content_type object_id tipo regimen calendario unidad cantidad prorroga "
            "mueve_a_habil inicio inicio_en vence vence_en estado version_calendario "
            "explicacion recordatorio_enviado intentos ultimo_error requiere_atencion "
            "abierto_en cerrado_en"
        ),
    )
    w.tabla(
        Designacion,
        (
            "id reclamo conciliador metodo fecha notificado_el reemplazo_ministerio "
            "referencia activa fin presentado_en"
        ),
    )
    w.tabla(
        Documento,
        (
            "id tipo anio numero titulo plantilla snapshot regimen_codigo regimen_version "
            "codigo emitido_en emitido_por sujeto_tipo sujeto_id archivo sha256 "
            "renderizado_en render_intentos"
        ),
    )
    w.tabla(
        Audiencia,
        (
            "id reclamo conciliador funcionario orden inicio duracion_minutos modalidad lugar "
            "enlace_video estado resultado fuera_de_plazo fijada_por fijada_en "
            "motivo_cancelacion celebrada_en observaciones dispensa_confidencialidad uid_ics "
            "secuencia_ics recordatorio_enviado consumidor_via consumidor_medio"
        ),
    )
    w.tabla(
        Cedula,
        (
            "id audiencia proveedor via domicilio emitida_en notificada_el medio en_termino "
            "motivo_anulacion"
        ),
    )
    w.tabla(
        Acuerdo,
        (
            "id audiencia reclamo terminos monto_total obligaciones honorarios_a_cargo "
            "requiere_ratificacion version creado_por creado_en"
        ),
    )
    w.tabla(
        Mediacion,
        "id reclamo funcionario consumidor_documento_tipo trasladado_en",
    )
    w.tabla(
        PropuestaMediacion,
        (
            "id reclamo proveedor numero texto monto documento propuesta_por creada_en estado "
            "respondida_por respondida_en sha256_conformidad motivo_rechazo"
        ),
    )
    w.tabla(
        Notificacion,
        (
            "id destinatario email a_domicilio_constituido canal plantilla contexto asunto "
            "cuerpo cuerpo_html estado intentos proximo_intento ultimo_error message_id "
            "creada_en enviada_en aceptada_en leida_en sujeto_tipo sujeto_id ics adjuntos"
        ),
    )


def _personas(ctx: Contexto) -> None:
    """The benchmark's accounts, through the ORM (few rows): real password, verified e-mail,
    TOTP enrolled for the roles that require MFA."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    clave_hash = None
    for clave, (email, rol) in PERSONAS.items():
        usuario = Usuario.objects.filter(email=email).first()
        if usuario is None:
            # One PBKDF2 for every account (it takes a second on a loaded machine).
            clave_hash = clave_hash or make_password(CONTRASENA)
            usuario = Usuario.objects.create_user(
                email=email,
                password=None,
                rol=rol,
                nombre=clave.replace("_", " ").capitalize(),
                apellido="Escala",
                dni="20000000" if rol == Rol.CONSUMIDOR else "",
                is_staff=rol == Rol.ADMINISTRADOR,
                is_superuser=rol == Rol.ADMINISTRADOR,
            )
            Usuario.objects.filter(pk=usuario.pk).update(password=clave_hash)
            EmailAddress.objects.create(user=usuario, email=email, verified=True, primary=True)
            if usuario.requiere_mfa:
                TOTP.activate(usuario, generate_totp_secret())
        ctx.personas[clave] = usuario
    ctx.staff_admision = ctx.personas["admision"].pk
    consumidora_pe = ctx.personas["consumidora_pe"]
    if not AdhesionMediacion.objects.filter(usuario=consumidora_pe).exists():
        AdhesionMediacion.objects.create(
            tipo="natural",
            regimen_codigo=PERU.codigo,
            usuario=consumidora_pe,
            estado="activa",
            nombres="Consumidora pe",
            apellidos="Escala",
            documento_tipo="DNI",
            documento_numero="40000000",
            terminos_version="2026-01",
            terminos_sha256="0" * 64,
            terminos_aceptados_por=consumidora_pe,
            terminos_aceptados_en=ctx.ahora,
        )


def _proveedores(ctx: Contexto, n_ar: int, n_pe: int):
    w, rng = ctx.escritor, ctx.rng
    ahora = ctx.ahora

    # The providers of earlier runs, read once (one query per provider took minutes at 1M).
    existentes = {
        (o.tipo_identificador, o.identificador): o
        for o in Organizacion.objects.only(
            "pk",
            "tipo_identificador",
            "identificador",
            "razon_social",
            "domicilio_legal",
            "domicilio_electronico",
        )
    }

    def organizacion(tipo_id, identificador, razon, pais, electronico) -> Proveedor:
        existente = existentes.get((tipo_id, identificador))
        domicilio = f"{rng.choice(CALLES)} {rng.randint(100, 9999)}, CABA"
        if existente:
            return Proveedor(
                existente.pk,
                identificador,
                tipo_id,
                existente.razon_social,
                existente.domicilio_legal,
                existente.domicilio_electronico,
            )
        pk = ctx.ids(Organizacion)
        w.fila(
            Organizacion,
            pk,
            "proveedor",
            tipo_id,
            identificador,
            razon,
            domicilio,
            electronico,
            pais,
            "activa",
            "",
            ahora - datetime.timedelta(days=800),
        )
        return Proveedor(pk, identificador, tipo_id, razon, domicilio, electronico)

    grande_ar = organizacion(
        "CUIT",
        cuit(30, CUERPO_CUIT_GRANDE),
        "Telefonía Escala S.A.",
        "AR",
        "avisos@telefonia-escala.example",
    )
    grande_pe = organizacion(
        "RUC",
        ruc(CUERPO_RUC_GRANDE),
        "Telecomunicaciones Escala S.A.C.",
        "PE",
        "avisos@telecom.example",
    )
    base = rng.randint(1_000_000, 9_000_000)
    ar = [
        organizacion(
            "CUIT",
            cuit(30, base + i),
            f"{rng.choice(RUBROS)} {i} S.A.",
            "AR",
            f"avisos{i}@proveedor.example" if i % 3 else "",
        )
        for i in range(n_ar)
    ]
    pe = [
        organizacion(
            "RUC", ruc(base + i), f"{rng.choice(RUBROS)} {i} S.A.C.", "PE", f"pe{i}@prov.example"
        )
        for i in range(n_pe)
    ]
    w.volcar()
    for clave, proveedor in (("proveedor", grande_ar), ("proveedor_pe", grande_pe)):
        Membresia.objects.get_or_create(
            usuario=ctx.personas[clave],
            organizacion_id=proveedor.id,
            defaults={"es_administrador": True},
        )
        if not ClaveApi.objects.filter(organizacion_id=proveedor.id).exists():
            ClaveApi.generar(
                organizacion=Organizacion.objects.get(pk=proveedor.id),
                nombre="Clave de escala",
                creada_por=ctx.personas[clave],
            )
    return (grande_ar, ar), (grande_pe, pe)


def _usuario(ctx: Contexto, rol: str, email: str, nombre: str, apellido: str, dni: str) -> int:
    from allauth.account.models import EmailAddress

    pk = ctx.ids(Usuario)
    w = ctx.escritor
    creado = ctx.ahora - datetime.timedelta(days=900)
    # Staff get the scope a new account gets (decision 0038); others none.
    alcance = _json(ctx, regimenes_por_defecto(rol) if rol in ROLES_PERSONAL else [])
    w.fila(
        Usuario,
        pk,
        "!sembrado",
        email,
        nombre,
        apellido,
        dni,
        "",
        rol,
        True,
        False,
        False,
        creado,
        alcance,
    )
    w.fila(EmailAddress, ctx.ids(EmailAddress), pk, email, True, True)
    return pk


def _conciliadores_y_funcionarios(ctx: Contexto, n_conc: int, n_func: int) -> None:
    etiqueta = f"{ctx.rng.getrandbits(32):08x}"
    usuarios = []
    for i in range(n_conc):
        usuarios.append(
            _usuario(
                ctx,
                Rol.CONCILIADOR,
                f"conciliador{i}.{etiqueta}@escala.example",
                ctx.rng.choice(NOMBRES),
                ctx.rng.choice(APELLIDOS),
                "",
            )
        )
    for i in range(n_func):
        ctx.funcionarios.append(
            _usuario(
                ctx,
                Rol.FUNCIONARIO,
                f"funcionario{i}.{etiqueta}@escala.example",
                ctx.rng.choice(NOMBRES),
                ctx.rng.choice(APELLIDOS),
                "",
            )
        )
    ctx.escritor.volcar()
    persona = ctx.personas["conciliador"]
    perfil = Conciliador.objects.filter(usuario=persona).first()
    nuevos = [
        Conciliador(
            usuario_id=pk,
            matricula=f"E{etiqueta[:6]}-{i:05d}",
            tipo="a",
            jurisdicciones=["CABA"],
            modalidades=["presencial", "video"],
            domicilio_profesional=f"{ctx.rng.choice(CALLES)} {ctx.rng.randint(100, 999)}, CABA",
        )
        for i, pk in enumerate(usuarios)
    ]
    if perfil is None:
        nuevos.append(
            Conciliador(
                usuario=persona,
                matricula=f"E{etiqueta[:6]}-P",
                tipo="a",
                jurisdicciones=["CABA"],
                modalidades=["presencial", "video"],
                domicilio_profesional="Av. de Mayo 500, CABA",
            )
        )
    creados = Conciliador.objects.bulk_create(nuevos)
    if perfil is None:
        perfil = creados[-1]
        creados = creados[:-1]
    ctx.conciliadores = [(c.pk, c.usuario_id) for c in creados]
    ctx.conciliador_persona = (perfil.pk, persona.pk)
    ctx.funcionario_persona = ctx.personas["funcionario"].pk


def _consumidores_del_lote(ctx: Contexto, n: int, regimen_pe: list[bool]):
    """Owners for n claims: the personas get a share (capped), 10 % of the other consumers file
    several claims, the rest one."""
    rng = ctx.rng
    duenos: list[tuple[int, str, str, str, str]] = []
    persona_ar = ctx.personas["consumidora"]
    persona_pe = ctx.personas["consumidora_pe"]
    cupo = ctx.cupo_personas
    i = 0
    while len(duenos) < n:
        es_pe = regimen_pe[len(duenos)]
        clave = "pe" if es_pe else "ar"
        if cupo[clave] < ctx.cupo_maximo and rng.random() < ctx.parte_persona:
            cupo[clave] += 1
            p = persona_pe if es_pe else persona_ar
            duenos.append((p.pk, p.nombre, p.apellido, p.dni, p.email))
            continue
        nombre, apellido = rng.choice(NOMBRES), rng.choice(APELLIDOS)
        dni = str(rng.randint(10_000_000, 45_000_000))
        email = (
            f"c{ctx.ids.siguiente.get(Usuario, 0)}.{i}.{rng.getrandbits(24):06x}@consumo.example"
        )
        pk = _usuario(ctx, Rol.CONSUMIDOR, email, nombre, apellido, dni)
        veces = rng.randint(2, 6) if rng.random() < 0.1 else 1
        for _ in range(veces):
            if len(duenos) < n:
                # All of a consumer's claims are in the régimen of the first one.
                regimen_pe[len(duenos)] = es_pe
                duenos.append((pk, nombre, apellido, dni, email))
        if es_pe:
            ctx.escritor.fila(
                AdhesionMediacion,
                ctx.ids(AdhesionMediacion),
                "natural",
                PERU.codigo,
                pk,
                "activa",
                nombre,
                apellido,
                "DNI",
                dni[:8],
                "",
                "2026-01",
                "0" * 64,
                pk,
                ctx.ahora - datetime.timedelta(days=400),
                ctx.ahora - datetime.timedelta(days=400),
                "",
            )
        i += 1
    return duenos


def _plazo(ctx: Contexto, regimen: str, tipo: str, desde: datetime.datetime):
    """(calendario, unidad, cantidad, mueve_a_habil, inicio, inicio_en, vence, vence_en,
    version, explicacion) computed by plazos.services, memoised per start day."""
    # Called for every term of every claim: the kind's facts are read once, then a hit is two
    # dictionary reads.
    clase = (regimen, tipo)
    if clase not in ctx.calendarios:
        from plazos import services as plazos_services
        from plazos.computo import Unidad

        tp = obtener(regimen).plazo(tipo)
        ctx.calendarios[clase] = (
            tp,
            tp.unidad == Unidad.HORAS,
            plazos_services.calendario(tp.calendario),
        )
    tp, horas, cal = ctx.calendarios[clase]
    clave = (regimen, tipo, desde) if horas else (regimen, tipo, desde.astimezone(cal.zona).date())
    encontrado = ctx.plazos_cache.get(clave)
    if encontrado is not None:
        return encontrado
    from plazos import services as plazos_services

    inicio = desde.astimezone(cal.zona).date()
    plazo = Plazo(
        tipo=tp.codigo,
        regimen=regimen,
        calendario=str(tp.calendario),
        unidad=str(tp.unidad),
        cantidad=tp.duracion,
        mueve_a_habil=tp.mueve_a_habil,
        inicio=inicio,
        inicio_en=desde if horas else None,
    )
    computo, _cal = plazos_services._computar_plazo(plazo, cal, suspensiones=[])
    plazos_services._aplicar(plazo, computo, cal)
    c = (
        plazo.calendario,
        plazo.unidad,
        plazo.cantidad,
        plazo.mueve_a_habil,
        plazo.inicio,
        plazo.inicio_en,
        plazo.vence,
        plazo.vence_en,
        plazo.version_calendario,
        _compartido(ctx, plazo.explicacion),
    )
    if ctx.lineas:
        # The computed columns of a Plazo row as COPY text (_Lineas.plazo).
        medio = "\t".join(map(_texto_copy, (*c[:3], 0, *c[3:8])))
        c += ((medio, "\t".join(map(_texto_copy, (*c[8:10], False, 0, "")))),)
    ctx.plazos_cache[clave] = c
    return c


def _compartido(ctx: Contexto, documento):
    """A JSON value written by many rows: serialised once for COPY (SQLite gets the object)."""
    documento = json.loads(json.dumps(documento, cls=DjangoJSONEncoder))
    if not ctx.escritor.pg:
        return documento
    return TextoCopy(_texto_copy(json.dumps(documento, ensure_ascii=False)))


def _json(ctx: Contexto, valor: dict | list):
    """A JSON object of plain strings (and empty lists), serialised for COPY without the Django
    encoder. Strings that need no JSON escape (printable, no quote or backslash: the seeder's
    numbers and names) are written directly; json.dumps (a new encoder each call) otherwise, and
    for a list (a staff member's régimenes)."""
    if not ctx.escritor.pg:
        return valor
    if isinstance(valor, list):
        return TextoCopy(json.dumps(valor, ensure_ascii=False).translate(_ESCAPES))
    partes = []
    for clave, v in valor.items():
        if type(v) is str and v.isprintable() and '"' not in v and "\\" not in v:
            partes.append(f'"{clave}": "{v}"')
        elif v == []:
            partes.append(f'"{clave}": []')
        else:
            return TextoCopy(json.dumps(valor, ensure_ascii=False).translate(_ESCAPES))
    return TextoCopy("{" + ", ".join(partes) + "}")


def _numero(ctx: Contexto, prefijo: str, anio: int) -> str:
    clave = (prefijo, anio)
    if clave not in ctx.numeros:
        fila = ContadorNumeracion.objects.filter(prefijo=prefijo, anio=anio).first()
        ctx.numeros[clave] = (fila.ultimo if fila else 0) + 1 + ctx.trabajador - ctx.trabajadores
    ctx.numeros[clave] += ctx.trabajadores
    return f"{prefijo}-{anio}-{ctx.numeros[clave]:06d}"


def _documento(ctx, tipo, titulo, plantilla, snapshot, regimen, version, en, por, ct, sujeto):
    anio = en.astimezone(ctx.zona).year
    clave = (tipo, anio)
    if clave not in ctx.numeros_doc:
        fila = ContadorDocumento.objects.filter(tipo=tipo, anio=anio).first()
        ctx.numeros_doc[clave] = (
            (fila.ultimo if fila else 0) + 1 + ctx.trabajador - ctx.trabajadores
        )
    ctx.numeros_doc[clave] += ctx.trabajadores
    pk = ctx.ids(Documento)
    codigo = f"{ctx.rng.getrandbits(128):032x}"  # as uuid.UUID(int=…).hex, cheaper
    huella = hashlib.sha256(codigo.encode()).hexdigest()
    ctx.escritor.fila(
        Documento,
        pk,
        tipo,
        anio,
        ctx.numeros_doc[clave],
        titulo,
        plantilla,
        snapshot,
        regimen,
        version,
        codigo,
        en,
        por,
        ct,
        sujeto,
        # Metadata only: the PDF is not written (a download of a seeded document is a 404).
        f"sembrado/{tipo}/{codigo}.pdf",
        huella,
        en,
        1,
    )
    return pk, huella


@dataclass
class Caso:
    """One claim being written: its régimen, path and timeline."""

    pk: int
    rp: int
    pe: bool
    regimen: object
    final: str
    camino: list[str]
    momentos: list[datetime.datetime]
    dueno: tuple
    proveedor: Proveedor
    metodo: str
    monto: Decimal
    numero: str | None = None


def _lote(ctx: Contexto, n: int, proveedores_ar, proveedores_pe) -> None:
    rng = ctx.rng
    es_pe = [rng.random() < PROPORCION_PERU for _ in range(n)]
    duenos = _consumidores_del_lote(ctx, n, es_pe)
    finales_ar = rng.choices(CAMINOS_COPREC, weights=[c[1] for c in CAMINOS_COPREC], k=n)
    finales_pe = rng.choices(CAMINOS_PERU, weights=[c[1] for c in CAMINOS_PERU], k=n)
    coprec, peru = COPREC, PERU
    for i in range(n):
        pe = es_pe[i]
        final, _peso, camino = finales_pe[i] if pe else finales_ar[i]
        grande, otros = proveedores_pe if pe else proveedores_ar
        metodo = ""
        if "designar_por_eleccion" in camino:
            metodo = "c"
        elif "esperar_documento_autonomo" in camino:
            metodo = "b"
        elif "esperar_turno" in camino:
            metodo = "a"
        caso = Caso(
            pk=ctx.ids(Reclamo),
            rp=ctx.ids(ReclamoProveedor),
            pe=pe,
            regimen=peru if pe else coprec,
            final=final,
            camino=camino,
            momentos=_momentos(ctx, final, len(camino)),
            dueno=duenos[i],
            proveedor=grande if rng.random() < 0.25 else rng.choice(otros),
            metodo=metodo,
            monto=Decimal(5_000 + rng._randbelow(895_001)),  # randint(5_000, 900_000)
        )
        _reclamo(ctx, caso)
        if caso.numero:
            _recorrer(ctx, caso)
            _presentacion(ctx, caso)


def _momentos(ctx: Contexto, final: str, pasos: int) -> list[datetime.datetime]:
    """When each step happened: an open claim moved in the last days, a closed one in the last
    two years; steps are 10 hours to 9 days apart."""
    # rng.randint(a, b) is a + rng._randbelow(b - a + 1) (the same draws) behind two layers
    # of argument checks: called directly here, for every claim.
    azar = ctx.rng._randbelow
    if final in ABIERTOS_COPREC:
        ultimo = ctx.ahora - datetime.timedelta(minutes=30 + azar(60 * 24 * 6 - 29))
    else:
        ultimo = ctx.ahora - datetime.timedelta(minutes=60 * 24 * 20 + azar(60 * 24 * 680 + 1))
    momentos = [ultimo]
    for _ in range(max(pasos - 1, 0)):
        momentos.append(momentos[-1] - datetime.timedelta(minutes=600 + azar(60 * 24 * 9 - 599)))
    momentos.reverse()
    return momentos


def _reclamo(ctx: Contexto, caso: Caso) -> None:
    rng, w = ctx.rng, ctx.escritor
    consumidor, nombre, apellido, dni, email = caso.dueno
    presentado = caso.momentos[0] if caso.camino else None
    ultimo = caso.momentos[-1]
    creado = (presentado or ultimo) - datetime.timedelta(minutes=5 + rng._randbelow(86))
    if presentado:
        anio = presentado.astimezone(ctx.zona).year
        caso.numero = _numero(ctx, caso.regimen.prefijo_numero, anio)
    tope = presentado and not caso.pe
    w.fila(
        Reclamo,
        caso.pk,
        caso.numero,
        caso.regimen.codigo,
        caso.regimen.version,
        caso.final,
        consumidor,
        nombre,
        apellido,
        dni,
        f"{rng.choice(CALLES)} {100 + rng._randbelow(9900)}, CABA",  # randint(100, 9999)
        email if presentado else "",
        "",
        "Compré un producto que no funciona y el proveedor no responde.",
        "La devolución del dinero o el cambio del producto.",
        caso.monto,
        False,
        "Lima" if caso.pe else "CABA",
        caso.metodo,
        Decimal("100000.00") if tope else None,
        Decimal("5500000.00") if tope else None,
        "" if presentado else "proveedor",
        creado,
        presentado,
        ultimo,
    )
    p = caso.proveedor
    w.fila(
        ReclamoProveedor,
        caso.rp,
        caso.pk,
        p.id,
        p.tipo,
        p.identificador,
        p.razon_social,
        p.domicilio,
        creado,
        _citado_en(caso),
        presentado,  # the claim's filing date, copied (decision 0033)
    )


def _citado_en(caso: Caso):
    """When the provider was served (decision 0015): the first step out of the states before
    service (a withdrawal is no service)."""
    from reclamos.estados import ANTES_DE_LA_CITACION, tabla

    filas = tabla(caso.regimen.codigo)
    for accion, momento in zip(caso.camino, caso.momentos, strict=False):
        hacia = filas[accion].hacia
        if hacia not in ANTES_DE_LA_CITACION and hacia != Estado.DESISTIDO:
            return momento
    return None


class _Lineas:
    """On PostgreSQL the two biggest tables (about 6 expediente entries and 3 plazos a claim)
    are written as COPY lines by the generator itself, in _tablas' column order, instead of
    tuples formatted later: the constant parts are formatted once per transition or computed
    term. SQLite (the tests) keeps the tuples."""

    def __init__(self):
        self.actuacion: dict[int, str] = {}

    @staticmethod
    def plazo(fila: list) -> str:
        medio, version = fila[-1]
        return (
            f"{fila[0]}\t{fila[1]}\t{fila[2]}\t{fila[3]}\t{fila[4]}\t{medio}\t{fila[P_ESTADO]}\t"
            f"{version}\t{'t' if fila[P_ATENCION] else 'f'}\t{TEXTOS[fila[21]]}\t"
            f"{TEXTOS[fila[P_CERRADO]]}\n"
        )


def _recorrer(ctx: Contexto, caso: Caso) -> None:
    """The path: expediente entries, the plazos each step opens or closes, and the hearings,
    designations and agreements of the steps that make them."""
    w, ahora = ctx.escritor, ctx.ahora
    tabla = TRANSICIONES_PERU if caso.pe else TRANSICIONES_COPREC
    abiertos: dict[str, list] = {}
    plazos: list[list] = []
    estado = E.BORRADOR
    conciliador = None
    momentos = caso.momentos
    for paso, accion in enumerate(caso.camino):
        t = tabla[accion]
        en = momentos[paso]
        if _abre_en_horas(caso.regimen, t):
            en = momentos[paso] = en.replace(minute=0, second=0)
        siguiente = momentos[paso + 1] if paso + 1 < len(momentos) else None
        _actuacion(ctx, caso, t, paso, en, estado)
        _mover_plazos(ctx, caso, t, en, abiertos, plazos)
        estado = t.hacia
        if accion in ("designar_por_sorteo", "designar_por_eleccion"):
            conciliador = _designar(ctx, caso, en)
        elif accion in ("fijar_audiencia", "convocar_audiencia"):
            _audiencia(ctx, caso, conciliador, en, siguiente)
        elif accion == "firmar_acuerdo":
            _acuerdo(ctx, caso.pk, conciliador, en, caso.monto)
    # Terms still open: running, or expired and waiting for staff when already due.
    for fila in abiertos.values():
        if fila[P_VENCE_EN] <= ahora:
            fila[P_ESTADO] = Plazo.Estado.VENCIDO
            fila[P_ATENCION] = caso.final in ABIERTOS_COPREC
            fila[P_CERRADO] = fila[P_VENCE_EN]
    if ctx.lineas:
        w.filas[Plazo].extend(map(ctx.lineas.plazo, plazos))
    else:
        w.filas[Plazo].extend(plazos)


def _actuacion(ctx: Contexto, caso: Caso, t, paso: int, en, estado) -> None:
    """The expediente entry of one step of the path."""
    if paso == 0:
        por, rol = caso.dueno[0], "consumidor"
    elif caso.pe:
        por, rol = ctx.funcionario_persona, "funcionario"
    else:
        por, rol = ctx.staff_admision, "admision"
    w, lineas = ctx.escritor, ctx.lineas
    if lineas:
        # The same columns as the tuple below, as one COPY line (_tablas' order).
        resto = lineas.actuacion.get(id(t))
        if resto is None:
            resto = lineas.actuacion[id(t)] = (
                f"{t.hacia}\t{_texto_copy(t.texto)}\t{ctx.vacio}\t{_texto_copy(t.fuente)}\tt\n"
            )
        w.filas[Actuacion].append(
            f"{ctx.ids(Actuacion)}\t{caso.pk}\t{t.actuacion}\t{por}\t{rol}\t{TEXTOS[en]}\t{estado}\t{resto}"
        )
    else:
        w.fila(
            Actuacion,
            ctx.ids(Actuacion),
            caso.pk,
            t.actuacion,
            por,
            rol,
            en,
            estado,
            t.hacia,
            t.texto,
            ctx.vacio,
            t.fuente,
            True,
        )


_EN_HORAS: dict[tuple[str, int], bool] = {}


def _abre_en_horas(regimen, t) -> bool:
    """Terms in hours start at the act's moment: acts that open one happen on the hour (steps
    are at least 10 hours apart, so the order stays), and the computed terms are shared.
    Memoised per régimen and transition (the tables are module constants)."""
    clave = (regimen.codigo, id(t))
    abre = _EN_HORAS.get(clave)
    if abre is None:
        abre = _EN_HORAS[clave] = any(regimen.plazo(tipo).unidad == "horas" for tipo in t.abre)
    return abre


def _mover_plazos(ctx: Contexto, caso: Caso, t, en, abiertos: dict[str, list], plazos) -> None:
    """As reclamos.transiciones._mover_plazos does, on rows not yet written."""
    if t.cancela_todos:
        for fila in abiertos.values():
            fila[P_ESTADO], fila[P_CERRADO] = Plazo.Estado.CANCELADO, en
        abiertos.clear()
    for tipo in t.cierra:
        if tipo in abiertos:
            fila = abiertos.pop(tipo)
            fila[P_ESTADO], fila[P_CERRADO] = Plazo.Estado.CUMPLIDO, en
    codigo = caso.regimen.codigo
    for tipo in t.abre:
        desde = en
        previo = caso.regimen.plazo(tipo).desde_vencimiento_de
        if previo and previo in abiertos:
            desde = abiertos[previo][P_VENCE_EN]
        c = _plazo(ctx, codigo, tipo, desde)
        fila = [ctx.ids(Plazo), ctx.ct_reclamo, caso.pk, tipo, codigo, *c[:3], 0, *c[3:8]]
        fila += [Plazo.Estado.CORRIENDO, c[8], c[9], False, 0, "", False, en, None]
        if len(c) > 10:
            fila.append(c[10])  # its COPY text (PostgreSQL)
        abiertos[tipo] = fila
        plazos.append(fila)  # written when the claim's path is done (states change until then)


def _presentacion(ctx: Contexto, caso: Caso) -> None:
    """The mediation file (Peru), the filing receipt and the notice of filing."""
    rng, w = ctx.rng, ctx.escritor
    consumidor, nombre, apellido, _dni, email = caso.dueno
    presentado = caso.momentos[0]
    if caso.pe:
        funcionario = None
        if "registrar" in caso.camino:
            funcionario = (
                ctx.funcionario_persona if rng.random() < 0.3 else rng.choice(ctx.funcionarios)
            )
        trasladado = caso.momentos[2] if "iniciar_mediacion" in caso.camino else None
        w.fila(Mediacion, ctx.ids(Mediacion), caso.pk, funcionario, "DNI", trasladado)
        if "proponer" in caso.camino:
            aceptada = "dar_conformidad" in caso.camino
            _propuesta(ctx, caso.pk, caso.rp, caso.momentos[3], aceptada, consumidor)
    _documento(
        ctx,
        TipoDocumento.CONSTANCIA_PRESENTACION,
        f"Constancia de presentación {caso.numero}",
        "documentos/constancia_presentacion.html",
        _json(
            ctx, {"numero": caso.numero, "consumidor": f"{nombre} {apellido}", "proveedores": []}
        ),
        caso.regimen.codigo,
        caso.regimen.version,
        presentado,
        consumidor,
        ctx.ct_reclamo,
        caso.pk,
    )
    leida = None if caso.final in ABIERTOS_COPREC and rng.random() < 0.5 else presentado
    w.fila(
        Notificacion,
        ctx.ids(Notificacion),
        consumidor,
        email,
        True,
        "email",
        "correo/reclamo_presentado",
        _json(ctx, {"numero": caso.numero}),
        f"Reclamo {caso.numero} presentado",
        f"Tu reclamo {caso.numero} fue presentado. Podés seguirlo en el portal.",
        "",
        "enviada",
        1,
        presentado,
        "",
        f"<{rng.getrandbits(128):032x}@sembrado.example>",
        presentado,
        presentado,
        presentado,
        leida,
        ctx.ct_reclamo,
        caso.pk,
        "",
        ctx.lista_vacia,
    )


def _designar(ctx: Contexto, caso: Caso, en) -> tuple[int, int]:
    conciliador = (
        ctx.conciliador_persona if ctx.rng.random() < 0.02 else ctx.rng.choice(ctx.conciliadores)
    )
    ctx.escritor.fila(
        Designacion,
        ctx.ids(Designacion),
        caso.pk,
        conciliador[0],
        caso.metodo or "a",
        en,
        (en.astimezone(ctx.zona) + datetime.timedelta(days=1)).date(),
        False,
        "",
        True,
        "",
        caso.momentos[0],  # the claim's filing date, copied (decision 0041)
    )
    return conciliador


def _audiencia(ctx: Contexto, caso: Caso, conciliador, en, siguiente) -> None:
    """The hearing fixed at `en`: pending (in the future, one per slot of whoever conducts it)
    when the claim is still waiting for it, otherwise held at the next step (`siguiente`)."""
    rng, w = ctx.rng, ctx.escritor
    final, reclamo, proveedor = caso.final, caso.pk, caso.proveedor
    pendiente = final in (E.AUDIENCIA_FIJADA, E.AUDIENCIA_CONVOCADA)
    funcionario = None
    if conciliador is None:
        funcionario = (
            ctx.funcionario_persona if rng.random() < 0.3 else rng.choice(ctx.funcionarios)
        )
    quien = conciliador[0] if conciliador else -funcionario
    if pendiente:
        k = ctx.turnos.get(quien, ctx.trabajador)
        ctx.turnos[quien] = k + ctx.trabajadores
        dia = ctx.ahora.astimezone(ctx.zona).date() + datetime.timedelta(days=3 + k // 8)
        inicio = datetime.datetime.combine(dia, datetime.time(9 + k % 8), tzinfo=ctx.zona)
        estado, resultado, celebrada = "fijada", "", None
    else:
        inicio = siguiente or en + datetime.timedelta(days=7)
        estado, celebrada = "celebrada", inicio
        resultado = {
            E.INCOMPARECENCIA_PROVEEDOR: "incomparecencia_proveedor",
            E.EN_CONCILIACION: "nueva_audiencia",
        }.get(
            final, "acuerdo" if final not in (E.CERRADO_SIN_ACUERDO, E.ARCHIVADO) else "sin_acuerdo"
        )
    video = conciliador is None
    pk = ctx.ids(Audiencia)
    w.fila(
        Audiencia,
        pk,
        reclamo,
        conciliador[0] if conciliador else None,
        funcionario,
        1,
        inicio,
        60,
        "video" if video else "presencial",
        "" if video else "Av. Julio A. Roca 651, CABA",
        "https://video.example/sala" if video else "",
        estado,
        resultado,
        False,
        conciliador[1] if conciliador else funcionario,
        en,
        "",
        celebrada,
        "",
        False,
        uuid.UUID(int=rng.getrandbits(128)),
        0,
        False,
        # The consumer's notice (D202-I.10): seeded as notified in the act of booking.
        "presente" if conciliador else "",
        "",
    )
    if conciliador:
        w.fila(
            Cedula,
            ctx.ids(Cedula),
            pk,
            caso.rp,
            "electronica" if proveedor.electronico else "fehaciente",
            proveedor.electronico or proveedor.domicilio,
            en,
            (en.astimezone(ctx.zona) + datetime.timedelta(days=1)).date(),
            "" if proveedor.electronico else "Carta documento",
            True,
            "",
        )
    ctx.ultima_audiencia = pk


def _acuerdo(ctx, reclamo, conciliador, en, monto) -> None:
    fecha = (en.astimezone(ctx.zona) + datetime.timedelta(days=30)).date().isoformat()
    ctx.escritor.fila(
        Acuerdo,
        ctx.ids(Acuerdo),
        ctx.ultima_audiencia,
        reclamo,
        "El proveedor reintegra el importe reclamado.",
        monto,
        [
            {
                "descripcion": "Reintegro del importe",
                "monto": str(monto),
                "fecha_cumplimiento": fecha,
                "a_cargo": "proveedor",
            }
        ],
        "proveedor",
        False,
        1,
        conciliador[1],
        en,
    )


def _propuesta(ctx, reclamo, rp, en, aceptada, consumidor) -> None:
    doc, huella = _documento(
        ctx,
        TipoDocumento.GENERICO,
        "Propuesta de solución",
        "documentos/propuesta_mediacion.html",
        {"texto": "Reintegro del importe"},
        PERU.codigo,
        PERU.version,
        en,
        ctx.personas["proveedor_pe"].pk,
        ctx.ct_reclamo,
        reclamo,
    )
    ctx.escritor.fila(
        PropuestaMediacion,
        ctx.ids(PropuestaMediacion),
        reclamo,
        rp,
        1,
        "Reintegro del importe",
        Decimal("1000.00"),
        doc,
        ctx.personas["proveedor_pe"].pk,
        en,
        "aceptada" if aceptada else "pendiente",
        consumidor if aceptada else None,
        en + datetime.timedelta(days=2) if aceptada else None,
        huella if aceptada else "",
        "",
    )


def _contadores(ctx: Contexto) -> None:
    """Numbering continues after the seeded claims and documents."""
    for (prefijo, anio), ultimo in ctx.numeros.items():
        ContadorNumeracion.objects.update_or_create(
            prefijo=prefijo, anio=anio, defaults={"ultimo": ultimo}
        )
    for (tipo, anio), ultimo in ctx.numeros_doc.items():
        ContadorDocumento.objects.update_or_create(
            tipo=tipo, anio=anio, defaults={"ultimo": ultimo}
        )
    # PostgreSQL issues document numbers from sequences (documentos.numeracion): dropping them
    # makes the next issue of each kind start after the highest seeded number.
    from documentos.numeracion import borrar_secuencias

    borrar_secuencias()


def _reiniciar_secuencias() -> None:
    from django.apps import apps

    modelos = [m for m in apps.get_models() if m._meta.managed]
    sentencias = connection.ops.sequence_reset_sql(no_style(), modelos)
    with connection.cursor() as cursor:
        for sql in sentencias:
            cursor.execute(sql)


SECTOR_DEL_RUBRO = {
    "Telefonía": "telecomunicaciones",
    "Internet": "telecomunicaciones",
    "Telecomunicaciones": "telecomunicaciones",
    "Electro": "comercio",
    "Muebles": "comercio",
    "Supermercado": "comercio",
    "Banco": "finanzas",
    "Seguros": "seguros",
    "Viajes": "transporte",
    "Autos": "automotores",
    "Salud": "salud",
}


def clasificar_proveedores() -> int:
    """Gives each seeded provider the sector of the trade its name starts with (open data)."""
    from cuentas.models import Organizacion
    from estadisticas.models import ClasificacionProveedor

    filas = []
    for tipo, ident, nombre in Organizacion.objects.filter(
        tipo=Organizacion.Tipo.PROVEEDOR
    ).values_list("tipo_identificador", "identificador", "razon_social"):
        sector = SECTOR_DEL_RUBRO.get(nombre.split(" ")[0], "otros")
        filas.append(
            ClasificacionProveedor(tipo_identificador=tipo, identificador=ident, sector=sector)
        )
    ClasificacionProveedor.objects.bulk_create(filas, batch_size=5000, ignore_conflicts=True)
    return len(filas)
