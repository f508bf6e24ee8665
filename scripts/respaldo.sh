#!/usr/bin/env bash
# Backs up an agency's portal: the PostgreSQL database (pg_dump custom format) and the private
# files under MEDIA_ROOT (issued PDFs and uploads), plus a SHA256SUMS of both.
#
# Parameters (environment):
#   DATABASE_URL  postgres://user@host:port/name of the database to dump (required)
#   MEDIA_ROOT    directory of the private files (required unless ALMACEN_S3_BUCKET is set)
#   ALMACEN_S3_BUCKET (and the other ALMACEN_S3_* of the portal): with an object store the
#                 private files are copied out of the bucket (manage.py copiar_almacen
#                 --exportar) into the same privado.tar.gz. A bucket with versioning or
#                 replication is a second line of defence, not a substitute: this copy is
#                 the one that restores together with the database.
#   PYTHON        the interpreter of the portal (default .venv/bin/python)
#   RESPALDO_DIR  where to write the backup; it must not exist yet
#                 (default: var/respaldos/<UTC timestamp>)
# Output: $RESPALDO_DIR/base.dump, $RESPALDO_DIR/privado.tar.gz, $RESPALDO_DIR/SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?definí DATABASE_URL (postgres://usuario@host:puerto/base)}"
PYTHON=${PYTHON:-.venv/bin/python}
if [[ -z "${ALMACEN_S3_BUCKET:-}" ]]; then
  : "${MEDIA_ROOT:?definí MEDIA_ROOT (el directorio de archivos privados) o ALMACEN_S3_BUCKET}"
fi
RESPALDO_DIR=${RESPALDO_DIR:-var/respaldos/$(date -u +%Y%m%dT%H%M%SZ)}

case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "DATABASE_URL debe ser una URL postgres:// (el respaldo usa pg_dump)." >&2; exit 2 ;;
esac
if [[ -z "${ALMACEN_S3_BUCKET:-}" && ! -d "$MEDIA_ROOT" ]]; then
  echo "MEDIA_ROOT no es un directorio: $MEDIA_ROOT" >&2
  exit 2
fi
if [[ -e "$RESPALDO_DIR" ]]; then
  echo "RESPALDO_DIR ya existe: $RESPALDO_DIR (elegí un directorio nuevo)." >&2
  exit 2
fi

mkdir -p "$RESPALDO_DIR"
# The database first: a file rendered after the dump is only an orphan in the copy (the
# documents' rows point at files that exist), never a row without its file.
pg_dump --format=custom --no-owner --no-privileges --file="$RESPALDO_DIR/base.dump" \
  --dbname="$DATABASE_URL"
if [[ -n "${ALMACEN_S3_BUCKET:-}" ]]; then
  copia=$(mktemp -d)
  trap 'rm -rf "$copia"' EXIT
  DJANGO_TESTING=0 "$PYTHON" manage.py copiar_almacen --exportar "$copia"
  tar --create --gzip --file="$RESPALDO_DIR/privado.tar.gz" --directory="$copia" .
else
  tar --create --gzip --file="$RESPALDO_DIR/privado.tar.gz" --directory="$MEDIA_ROOT" .
fi
(cd "$RESPALDO_DIR" && sha256sum base.dump privado.tar.gz > SHA256SUMS)
echo "Respaldo completo en $RESPALDO_DIR"
