# Conciliación en Consumo. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help setup run test lint format migrate demo chromium worker check-deploy benchmarks clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.instalado: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.instalado: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.instalado node_modules/.instalado ## Virtualenv, Python packages and front-end assets
	mkdir -p var

migrate: setup ## Apply migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo users (idempotent)
	$(MANAGE) cargar_demo
	$(MANAGE) cargar_demo_reclamos
	$(MANAGE) cargar_demo_libro
	$(MANAGE) cargar_demo_mediacion
	$(MANAGE) cargar_demo_audiencias
	$(MANAGE) cargar_demo_honorarios

run: demo ## Set up everything and run web + Celery worker with beat on http://127.0.0.1:8000
	VENV=$(VENV) bash scripts/run.sh

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

test: setup chromium ## Set up and run the whole test suite (uses DATABASE_URL etc. when set)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup ## ruff check + format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Format the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: setup ## Django's deployment checks with production settings
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=conciliacion.example CSRF_TRUSTED_ORIGINS=https://conciliacion.example \
	  $(MANAGE) check --deploy --fail-level WARNING

benchmarks: setup ## Run the benchmarks (not part of CI)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b; done

clean: ## Remove the virtualenv, node_modules and var/
	rm -rf $(VENV) node_modules var
