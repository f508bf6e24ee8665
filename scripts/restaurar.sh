#!/usr/bin/env bash
# Restores a backup made by scripts/respaldo.sh into a fresh database and a fresh media
# directory, then runs `manage.py verificar_integridad` against the restored copy.
#
# Parameters (environment):
#   RESPALDO_DIR  the backup directory (required)
#   DATABASE_URL  postgres:// URL of the target database: it must exist and be empty
#                 (createdb nombre) (required)
#   MEDIA_ROOT    target directory of the private files: absent or empty (required unless
#                 ALMACEN_S3_BUCKET is set)
#   ALMACEN_S3_BUCKET (and the other ALMACEN_S3_* of the portal): restore the private files
#                 into this bucket instead (it must hold none of the names: use a new bucket);
#                 verificar_integridad then reads them from the bucket.
#   VERIFICAR     1 (default) runs verificar_integridad at the end; 0 skips it
#   PYTHON        the interpreter of the portal (default .venv/bin/python)
# Exit code: 0 restored and verified; 1 verificar_integridad found mismatches; other: failure.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${RESPALDO_DIR:?definí RESPALDO_DIR (el directorio del respaldo)}"
: "${DATABASE_URL:?definí DATABASE_URL (postgres://usuario@host:puerto/base_nueva)}"
if [[ -z "${ALMACEN_S3_BUCKET:-}" ]]; then
  : "${MEDIA_ROOT:?definí MEDIA_ROOT (un directorio nuevo para los archivos privados)}"
fi
MEDIA_ROOT=${MEDIA_ROOT:-}
VERIFICAR=${VERIFICAR:-1}
PYTHON=${PYTHON:-.venv/bin/python}

if [[ ! -f "$RESPALDO_DIR/SHA256SUMS" ]]; then
  echo "No hay un respaldo en $RESPALDO_DIR (falta SHA256SUMS)." >&2
  exit 2
fi
(cd "$RESPALDO_DIR" && sha256sum --check --quiet SHA256SUMS) || {
  echo "El respaldo en $RESPALDO_DIR está incompleto o alterado (SHA256SUMS no coincide)." >&2
  exit 2
}
tablas=$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="select count(*) from pg_tables where schemaname = 'public'")
if [[ "$tablas" != "0" ]]; then
  echo "La base de destino no está vacía ($tablas tablas): restaurá en una base nueva." >&2
  exit 2
fi
if [[ -z "${ALMACEN_S3_BUCKET:-}" && -d "$MEDIA_ROOT" && -n "$(ls -A "$MEDIA_ROOT")" ]]; then
  echo "MEDIA_ROOT no está vacío: $MEDIA_ROOT (restaurá en un directorio nuevo)." >&2
  exit 2
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$RESPALDO_DIR/base.dump"
if [[ -n "${ALMACEN_S3_BUCKET:-}" ]]; then
  copia=$(mktemp -d)
  trap 'rm -rf "$copia"' EXIT
  tar --extract --gzip --file="$RESPALDO_DIR/privado.tar.gz" --directory="$copia"
  DJANGO_TESTING=0 DATABASE_URL="$DATABASE_URL" "$PYTHON" manage.py copiar_almacen \
    --importar "$copia"
  echo "Restaurado: base de datos y archivos en el bucket $ALMACEN_S3_BUCKET"
else
  mkdir -p "$MEDIA_ROOT"
  tar --extract --gzip --file="$RESPALDO_DIR/privado.tar.gz" --directory="$MEDIA_ROOT"
  echo "Restaurado: base de datos y archivos en $MEDIA_ROOT"
fi

if [[ "$VERIFICAR" == "1" ]]; then
  # Django outside the test settings, with the restored database and files.
  DJANGO_TESTING=0 DATABASE_URL="$DATABASE_URL" MEDIA_ROOT="$MEDIA_ROOT" \
    "$PYTHON" manage.py verificar_integridad
fi
