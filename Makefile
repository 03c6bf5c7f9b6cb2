# The two commands in the README: `make demo` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/groundswell
INSTALLED := $(VENV)/.installed
VENDOR := static/vendor/.installed

.PHONY: demo test test-sqlite test-postgres test-e2e install bench-deps lint lock chromium clean

install: $(INSTALLED) $(VENDOR)

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Front-end packages: pinned in assets/package-lock.json, copied (with any .map files) into static/vendor.
$(VENDOR): assets/package.json assets/package-lock.json
	cd assets && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp assets/node_modules/htmx.org/dist/htmx.min.js static/vendor/
	mkdir -p static/vendor/leaflet && cp -r assets/node_modules/leaflet/dist/{leaflet.js,leaflet.js.map,leaflet.css,images} static/vendor/leaflet/
	mkdir -p static/vendor/chartjs && cp assets/node_modules/chart.js/dist/chart.umd.min.js{,.map} static/vendor/chartjs/
	@touch $@

# The open-source linker bench/match.py measures our matcher against; only benchmarks need it.
bench-deps: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'

demo: install
	$(BIN)/groundswell demo

chromium:
	@bash scripts/ensure-chromium.sh

test: install chromium
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-e2e

test-sqlite:
	@echo "== fast suite on SQLite =="
	$(BIN)/pytest -m "not e2e"

test-postgres:
	@echo "== fast suite on PostgreSQL =="
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not e2e"

test-e2e:
	@echo "== browser tests (Chromium) =="
	$(BIN)/pytest -m e2e

lint: install
	$(BIN)/ruff check groundswell tests bench

# Refresh the lock after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/gs-lock && $(PYTHON) -m venv /tmp/gs-lock
	/tmp/gs-lock/bin/pip install --quiet -e '.[dev,bench]'
	/tmp/gs-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) static/vendor assets/node_modules
