# Conciliación en Consumo. `make help` lists the targets (in Spanish, the README's language).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help setup bibliotecas run test lint format migrate demo chromium worker check-deploy benchmarks clean

help: ## Lista las tareas
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.instalado: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.instalado: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: bibliotecas $(VENV)/.instalado node_modules/.instalado ## Entorno virtual, paquetes de Python y archivos del front-end
	mkdir -p var

# WeasyPrint (the PDFs) needs Pango and HarfBuzz's subsetter from Debian; without the latter it
# warns on every PDF, and the tests treat warnings as errors.
BIBLIOTECAS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
bibliotecas: ## Instala las bibliotecas de Debian que usan los PDF (WeasyPrint) si faltan
	@dpkg -s $(BIBLIOTECAS) >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(BIBLIOTECAS); }

migrate: setup ## Aplica las migraciones
	$(MANAGE) migrate --noinput

demo: migrate ## Carga la demo (idempotente: repetirla no cambia nada)
	$(MANAGE) cargar_demo
	$(MANAGE) cargar_demo_reclamos
	$(MANAGE) cargar_demo_libro
	$(MANAGE) cargar_demo_mediacion
	$(MANAGE) cargar_demo_audiencias
	$(MANAGE) cargar_demo_honorarios

run: demo ## Prepara todo y levanta web + Celery (worker con beat) en http://127.0.0.1:8000
	VENV=$(VENV) bash scripts/run.sh

chromium: ## Instala Chromium de Debian para las pruebas de navegador si falta
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

test: setup chromium ## Prepara y corre todas las pruebas (usa DATABASE_URL, etc. si están definidas)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup ## Revisa el código con ruff (check y formato)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Formatea el código
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: setup ## Controles de despliegue de Django con la configuración de producción
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=conciliacion.example CSRF_TRUSTED_ORIGINS=https://conciliacion.example \
	  $(MANAGE) check --deploy --fail-level WARNING

benchmarks: setup ## Corre los benchmarks (fuera de CI)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b; done

clean: ## Borra el entorno virtual, node_modules y var/
	rm -rf $(VENV) node_modules var
