# The project's two commands (see README.md):
#   make build   build the site into site/ with --strict
#   make test    run the whole test suite (installs Chromium and the npm checkers first)
# and for editors: make serve (preview), make check (nextsociety check: every mistake with file and line)
# Everything installs into .venv/ from pyproject.toml; nothing is needed beforehand but Python 3.11.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install build serve check test test-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

check: $(STAMP)
	$(BIN)/nextsociety check

test-deps: $(STAMP)
	bash tests/install-deps.sh

test: $(STAMP) test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) tests/node_modules
