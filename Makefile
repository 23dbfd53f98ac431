# The book's commands. `make book` and `make test` are all a fresh machine needs
# (Debian with Python 3.11, venv, git and make). `make help` lists every target.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# what `make check` formats, lints and tests without a build
CODE   := code tests tools

.PHONY: help book test check lint format serve bench pdf clean

## help: list the targets and what each does
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# The virtual environment, installed from the lock; redone when the lock or the package changes.
$(STAMP): requirements.txt code/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

## book: install if needed, then build _build/html (a failed build leaves no _build/html); with
##       /usr/bin/chromium, also the chapter PDFs the pages link to
book: $(STAMP)
	$(PY) -m distillbook build

## test: build if needed, then every test (unit, data, prose, built site, browser)
test: book
	$(PY) -m pytest

## check: the gate before a commit, no build, about 75 s on 2 cores: format check, lint (ruff on the
##        package, tests, tools and the pages' code cells; data, ledger, prose numbers, quotes),
##        and the tests that need no build (unit, data, prose)
check: $(STAMP)
	$(VENV)/bin/ruff format --check --quiet $(CODE)
	$(PY) -m distillbook lint
	$(PY) -m pytest -q -n 2 tests/unit tests/data tests/prose

## lint: the fast checks alone: data validation, the ledger, numbers typed into prose, quotations
##       of the article, ruff (package, tests, tools, the pages' code cells)
lint: $(STAMP)
	$(PY) -m distillbook lint

## format: format the package, the tests and the tools with ruff
format: $(STAMP)
	$(VENV)/bin/ruff format --quiet $(CODE)
	$(VENV)/bin/ruff check --fix --quiet $(CODE)

## serve: serve the built site on http://127.0.0.1:8000
serve: book
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

## bench: build times and page figures measured in one run on this machine (tools/bench.py),
##        then throttled phone timings and screenshots of every page (tools/bench_reading.py)
bench: $(STAMP)
	$(PY) tools/bench.py
	$(PY) tools/bench_reading.py

## pdf: one PDF per chapter, printed again by Chromium into _build/html/_static/pdf (time and
##      sizes reported). make book already prints the chapters whose page changed.
pdf: book
	$(PY) -m distillbook.publish.pdf

## clean: remove build outputs and caches (the environment stays)
clean:
	rm -rf _build .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
