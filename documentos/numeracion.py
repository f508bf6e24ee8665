"""Numbers per kind of document and year.

PostgreSQL: each (kind, year) has its own sequence, `documento_numero_<kind>_<year>`, created on
demand by the database function documento_siguiente_numero() (migration 0002), starting after
the highest number already given. Taking a number is one statement and locks nothing that other
transactions wait for, so issuing documents (a booking's cédulas, every act's PDF) does not
serialise on a counter row shared by every issue of that kind.

Gap policy (docs/decisions/0017-reservas-escalables.md): numbers are unique per kind and year
(the unique constraint on Documento is the last guard) and increase in issue order, but a number
taken by an act that is then rolled back is not given again: the series may have gaps. A gap
never hides an issued document: every issued one is in the table with its number, and
/verificar/ answers only for those. The first number of a kind in a year creates the sequence
inside the issuing transaction; until that transaction ends, a concurrent first issue of the same
kind and year waits for it (once a year per kind).

SQLite (development, tests): the counter row per (kind, year) is locked with select_for_update
in the issuing transaction (SQLite serialises writers anyway); there a rollback gives the number
back and the series has no gaps.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from documentos.models import ContadorDocumento
from normativa import regimenes

PREFIJO_SECUENCIA = "documento_numero_"


def anio_de_emision(regimen_codigo: str, instante=None) -> int:
    """The year in the régimen's time zone (a document issued on 31 Dec at 22:00 in Buenos Aires
    belongs to that year, although it is already 1 Jan in UTC)."""
    try:
        zona = ZoneInfo(regimenes.obtener(regimen_codigo).zona_horaria)
    except LookupError:
        zona = ZoneInfo(settings.TIME_ZONE)
    return (instante or timezone.now()).astimezone(zona).year


def siguiente_numero(tipo: str, anio: int) -> int:
    """Takes the next number. Must run inside the transaction that creates the document."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("siguiente_numero() exige una transacción")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT documento_siguiente_numero(%s, %s)", [tipo, anio])
            return cursor.fetchone()[0]
    ContadorDocumento.objects.get_or_create(tipo=tipo, anio=anio)
    contador = ContadorDocumento.objects.select_for_update().get(tipo=tipo, anio=anio)
    contador.ultimo += 1
    contador.save(update_fields=["ultimo"])
    return contador.ultimo


def borrar_secuencias() -> None:
    """Drops every numbering sequence (PostgreSQL): the next issue of each kind and year starts
    after the highest number in the table again. For tests and for a database that is emptied and
    seeded anew; never while documents are being issued."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE %s "
            "AND pg_table_is_visible(oid)",
            [PREFIJO_SECUENCIA.replace("_", r"\_") + "%"],
        )
        for (nombre,) in cursor.fetchall():
            cursor.execute(f'DROP SEQUENCE IF EXISTS "{nombre}"')
