# Two entry points a fresh machine needs (see README):
#   make site   set up .venv and build the site from content/ into public/
#   make test   set up .venv with test tools and run ruff + the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BASE_URL ?= /

.PHONY: site test lint golden clean

$(VENV)/.site-deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.site-deps
	$(PY) -m pip install -q -e '.[test]'
	touch $@

site: $(VENV)/.site-deps
	$(PY) build.py build --out public --base-url "$(BASE_URL)"

test: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .

# Regenerate tests/golden/ after an intended importer change (then review the git diff).
golden: $(VENV)/.site-deps
	$(PY) -m tests.regenerate_golden

clean:
	rm -rf public $(VENV)
