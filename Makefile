# Tribune: `make run` to try it, `make test` to check it. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The public base of every absolute link (canonical, feeds, sitemaps, emails): what `make run` serves, unless set.
export SITE_URL ?= http://$(HOST):$(PORT)
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt package-lock.json $(wildcard tribune/locale/*/LC_MESSAGES/*.po)
	@command -v $(PYTHON) >/dev/null || { echo "Tribune needs Python 3.11 ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@# axe-core and the Nu HTML checker for the browser tests, when Node is available (they skip with a reason
	@# otherwise); no install scripts, so vnu-jar never fetches a Java runtime of its own.
	-command -v npm >/dev/null && npm ci --no-audit --no-fund --silent --ignore-scripts
	@# The interface translations (tribune/locale/*/django.po) are compiled here, never committed; needs GNU gettext.
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

migrate: $(STAMP) ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo outlet when the database has no articles yet
	$(MANAGE) load_demo --if-empty

run: demo ## Install, migrate, load demo content and serve http://127.0.0.1:8000 (with task worker and scheduler)
	@$(BIN)/python deploy/dev-run --host $(HOST) --port $(PORT)

test: $(STAMP) ## Run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP) ## Ruff, import-linter layer contracts and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=tribune.settings.test $(MANAGE) makemigrations --check --dry-run

audit: $(STAMP) ## Known vulnerabilities in the pinned Python and Node dependencies (pip-audit, npm audit)
	.ci/audit

format: $(STAMP) ## Apply ruff's formatting and import sorting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: $(STAMP) ## Score the analysis extraction and a plain baseline on the annotated evaluation set (EVAL_ARGS=--errors)
	$(BIN)/python -m tribune.analysis.evaluation $(EVAL_ARGS)

bench: $(STAMP) ## Load benchmark end to end, report in bench/results/ (BENCH_SCALE=small for a quick run)
	$(BIN)/python bench/run.py

chaos: $(STAMP) ## Faults injected under load (Redis, PostgreSQL, workers, scheduler, clients), report in bench/results/chaos.md
	$(BIN)/python bench/chaos.py $(CHAOS_ARGS)

clean: ## Remove the virtualenv, local database and media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var

.PHONY: help install migrate demo run test lint audit format eval bench chaos clean
