#!/usr/bin/env bash
# Runs the web server and a Celery worker with embedded beat; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
pids=()
parar() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap parar EXIT INT TERM
"$VENV/bin/celery" -A conciliacion worker -B -Q default,pdf,notificaciones \
  --concurrency 2 --loglevel INFO --schedule var/celerybeat-schedule &
pids+=($!)
"$VENV/bin/python" manage.py runserver 127.0.0.1:8000 &
pids+=($!)
echo "Portal en http://127.0.0.1:8000 — Ctrl-C para detener."
wait -n
