# Heard: `make run` serves the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Two workers: one per core of a small CI machine. `make test PYTEST_ARGS=` runs serially.
PYTEST_ARGS ?= -n 2
FLASK := $(BIN)/flask --app wsgi


.PHONY: run test audit audit-code audit-dependencies install install-dev browser-deps compile-translations migrate demo translations assets bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

compile-translations: install
	@$(BIN)/pybabel compile -d translations 2>&1 | grep -v "^compiling catalog" || true

migrate: compile-translations
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) heard demo --if-empty

run: demo
	@echo "Heard is running at http://127.0.0.1:$(PORT)  (Ctrl+C to stop)"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Chromium, Noto fonts and axe-core for the browser tests, and poppler-utils (pdftotext) for the
# PDF tests. Installs them when it can (root with apt); otherwise those tests say why they are skipped.
browser-deps:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; } && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core poppler-utils >/dev/null; fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --silent; fi

test: install-dev browser-deps compile-translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Code and dependency checks. bandit fails on any medium or high finding in app/ (a line reviewed
# as safe carries "# nosec <test id>" with the reason beside it); pip-audit runs where a
# vulnerability database can be reached, and says plainly when it is skipped.
audit: audit-code audit-dependencies

audit-code: install-dev
	@# (bandit also warns about each other check on a reviewed line: not findings, so not shown)
	set -o pipefail; $(BIN)/bandit -q -r app --severity-level medium 2>&1 | { grep -v "nosec encountered" || true; }

audit-dependencies: install-dev
	$(BIN)/python bin/audit_dependencies.py

translations: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -o translations/messages.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d translations --statistics

# Builds static/dist/, then writes brotli and gzip copies of every static file for WhiteNoise.
assets: install
	npm ci --no-audit --no-fund
	npm run build
	$(BIN)/python -m whitenoise.compress --quiet static

# Every benchmark (a few minutes); `make bench BENCH_ARGS=--quick` for a short check, `--full`
# for the published sizes. The throughput benchmark needs wrk, installed here when it can be.
BENCH_ARGS ?=
bench: install-dev compile-translations
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache
