"""PostgreSQL: document numbers come from one sequence per (kind, year), created on demand by
documento_siguiente_numero(tipo, anio) (see documentos/numeracion.py). SQLite keeps the counter
row. No table changes."""

from django.db import migrations

FUNCION = r"""
CREATE OR REPLACE FUNCTION documento_siguiente_numero(p_tipo text, p_anio integer)
RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    nombre text := format('documento_numero_%s_%s', p_tipo, p_anio);
    v_ultimo bigint;
BEGIN
    IF to_regclass(quote_ident(nombre)) IS NULL THEN
        -- First number of this kind and year: the sequence starts after any number already
        -- given (by the counter rows used before, or by documents loaded from elsewhere).
        SELECT greatest(
            (SELECT coalesce(max(numero), 0) FROM documentos_documento
              WHERE tipo = p_tipo AND anio = p_anio),
            (SELECT coalesce(max(ultimo), 0) FROM documentos_contadordocumento
              WHERE tipo = p_tipo AND anio = p_anio)
        ) INTO v_ultimo;
        BEGIN
            EXECUTE format('CREATE SEQUENCE %I START WITH %s', nombre, v_ultimo + 1);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL;  -- a concurrent issue created it first; committed and visible now
        END;
    END IF;
    RETURN nextval(quote_ident(nombre)::regclass);
END;
$$;
"""


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCION, params=None)


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS documento_siguiente_numero(text, integer)")


class Migration(migrations.Migration):
    dependencies = [("documentos", "0001_initial")]

    operations = [migrations.RunPython(crear, borrar)]
