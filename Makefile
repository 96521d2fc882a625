# Two commands do all the setup: `make serve` (live preview) and `make test`.
# Both create .venv from requirements.lock when it is missing or out of date.

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check bench audit chromium clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Live preview for writers at http://127.0.0.1:8000 (reloads on save).
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## The static site, into site/. Warnings fail the build.
build: $(STAMP)
	$(PY) -m mkdocs build --strict --clean

## Every test: unit, build and browser tests.
test: $(STAMP) chromium
	$(PY) -m pytest

## Debian's Chromium for the browser tests (Playwright's own download does not work here).
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Lighthouse on the home page and an article, 3 runs each, mobile and desktop (see bench/lighthouse.py).
audit: $(STAMP) chromium bench/node_modules/.package-lock.json
	$(PY) bench/lighthouse.py

# Lighthouse 12.8.2 exactly as locked in bench/package-lock.json.
bench/node_modules/.package-lock.json: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund

clean:
	rm -rf site bench/out .pytest_cache

## The writers' checks, without building the site.
check: $(STAMP)
	$(PY) -m hooks check docs

## The speed benchmarks (Lighthouse has its own target, `make audit`).
bench: $(STAMP)
	$(PY) bench/check_speed.py
	$(PY) bench/site_scale.py
	$(PY) bench/preview_latency.py
