# Two commands do all the setup: `make serve` (live preview) and `make test`.
# Both create .venv from requirements.lock when it is missing or out of date.

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
# The builder: mkdocs, or properdocs, the maintained fork (guides/operators.md: "Switching to ProperDocs").
# ProperDocs runs from its own environment, .venv-properdocs; `make test` needs both.
ENGINE   ?= mkdocs
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
ENGINE_PY    := $(if $(filter properdocs,$(ENGINE)),$(PD_VENV)/bin/python,$(PY))
ENGINE_STAMP := $(if $(filter properdocs,$(ENGINE)),$(PD_STAMP),$(STAMP))
export KB_ENGINE := $(ENGINE)
CHROMIUM := /usr/bin/chromium
# The browser tests launch the Chromium that KB_CHROMIUM names: Debian's here. Set it empty to
# use Playwright's own browser (`python -m playwright install chromium`, as the GitHub workflow does).
export KB_CHROMIUM ?= $(CHROMIUM)

export NO_MKDOCS_2_WARNING := 1
# mkdocs-redirects asks ProperDocs to print a "switch to ProperDocs" banner on every build.
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build urls test check stale bench audit chromium postgres clean feedback report new strace

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# ProperDocs' environment: the same lock without the `mkdocs` package. Material requires that
# package, hence --no-deps; without it, every `import mkdocs` inside the build is ProperDocs'.
$(PD_STAMP): requirements.lock pyproject.toml
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	grep -v '^mkdocs==' requirements.lock > $(PD_VENV)/requirements.txt
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r $(PD_VENV)/requirements.txt
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The feedback collector for the live preview: answers from its pages, checked against its sitemap.
FEEDBACK_LOCAL := --port 8001 --origin http://127.0.0.1:8000 --sitemap http://127.0.0.1:8000/sitemap.xml

## Live preview for writers at http://127.0.0.1:8000 (reloads on save), with the feedback
## collector on 127.0.0.1:8001 beside it; Ctrl-C stops both.
## --dirty rebuilds only the changed pages (a full rebuild of 1,000 articles takes far longer
## than the 3 s a writer waits); it warns on every rebuild, so the preview cannot be strict.
serve: $(STAMP)
	$(PY) -m feedback beside $(FEEDBACK_LOCAL) -- $(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

## The static site, into site/. Warnings fail the build. It builds into a new folder beside
## site/ and replaces site/ only when the whole build succeeds (hooks/publish/atomic.py).
build: $(ENGINE_STAMP)
	$(ENGINE_PY) -m hooks build --engine $(ENGINE)

## After adding, moving or removing an article: build, then add the new URLs to published-urls.txt.
urls: build
	$(ENGINE_PY) -m hooks urls --update

## Every test: unit, build and browser tests.
test: $(STAMP) $(PD_STAMP) chromium postgres strace
	$(ENGINE_PY) -m pytest

## Debian's Chromium for the browser tests (Playwright's own download does not work here).
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's PostgreSQL server for the collector's tests (tests/postgres.py starts a throwaway one).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the collector's tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

## Debian's strace: the collector's durability test counts its fsync calls (a skip would not be a pass).
strace:
	@command -v strace >/dev/null || { \
	  echo "Installing Debian's strace for the collector's durability test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq strace >/dev/null; }

## Lighthouse on the home page and an article, 3 runs each, mobile and desktop (see bench/lighthouse.py).
audit: $(STAMP) chromium bench/node_modules/.package-lock.json
	$(PY) bench/lighthouse.py

# Lighthouse 12.8.2 exactly as locked in bench/package-lock.json.
bench/node_modules/.package-lock.json: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund

clean:
	rm -rf site .site-new-* .site-old-* bench/out .pytest_cache report

## The writers' checks, without building the site.
check: $(STAMP)
	$(PY) -m hooks check docs

## The articles whose review is overdue today, with their owners, then the translations behind
## their original or missing, per language; exits 1 when a review is overdue (python -m hooks stale;
## --date YYYY-MM-DD for another day, --fail-on-translations to exit 1 on a translation behind too).
stale: $(STAMP)
	$(PY) -m hooks stale

## The benchmarks, one after another (bench/all.py), written to bench/results/latest.md (Lighthouse has its
## own target, `make audit`). bench/scale.py alone takes
## --sizes N... and --runs N to measure one size; see its docstring.
bench: $(STAMP) chromium
	$(PY) bench/all.py

## The feedback collector alone, for the live preview (answers go to var/feedback.sqlite3).
feedback: $(STAMP)
	$(PY) -m feedback serve $(FEEDBACK_LOCAL)

## The writers' dashboard, from var/feedback.sqlite3 and docs/: report/index.html and a CSV per section
## (python -m feedback report; --db postgresql://... for another database, --date YYYY-MM-DD for another day;
## make report LANGUAGE=es for one language's articles).
report: $(STAMP)
	$(PY) -m feedback report$(if $(LANGUAGE), --language $(LANGUAGE))

## Start an article as a draft: make new CATEGORY=domains TITLE="Point your domain at us"
## (category and title travel through the environment, so quotes in them are safe; taken with
## $(value ...), so make does not expand a `$` in them: "Save $5" stays "Save $5").
new: export KB_CATEGORY := $(value CATEGORY)
new: export KB_TITLE := $(value TITLE)
new: $(STAMP)
	@test -n "$$KB_CATEGORY" -a -n "$$KB_TITLE" || { echo 'usage: make new CATEGORY=domains TITLE="Point your domain at us"' >&2; exit 2; }
	$(PY) -m hooks new "$$KB_CATEGORY" "$$KB_TITLE"
