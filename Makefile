# The project's two commands (see README.md):
#   make build   build the site into site/ with --strict
#   make test    lint and type-check, then run the whole test suite (installs Chromium and the
#                npm checkers first)
# and for editors: make serve (preview: `nextsociety serve`; SERVE_ARGS="--host 0.0.0.0" for a
# phone on the same network), make check (every mistake with file and line).
# Output is progress and problems: recipes are not echoed.
#
# Installs are locked: uv (itself pinned below, installed with pip into .tools/) installs
# exactly what uv.lock lists into .venv/, and refuses when uv.lock and pyproject.toml disagree.
# Nothing is needed beforehand but Python 3.11 with venv; nothing is downloaded but packages.

PYTHON     ?= python3
UV_VERSION := 0.13.8
TOOLS      := .tools
UV         := $(TOOLS)/bin/uv
VENV       := .venv
BIN        := $(VENV)/bin

# uv uses the machine's Python (never downloads one) and installs into .venv/.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Material's end-of-life banner (5 May 2027) on every build: known and planned for in
# docs/engines.md, so silenced with the variable Material documents for it.
export NO_MKDOCS_2_WARNING := 1

LOCK_HINT := uv.lock does not match pyproject.toml: run '$(UV) lock' and commit uv.lock \
(add a dependency with '$(UV) add NAME', upgrade one with '$(UV) lock --upgrade-package NAME')

.PHONY: tools install install-runtime build build-deps cms serve check lint test test-deps clean

# pip -qq: errors only (a machine's own pip settings, e.g. unused index folders, warn otherwise)
$(UV):
	@echo "make: installing uv $(UV_VERSION) into $(TOOLS)/ (once)"
	@$(PYTHON) -m venv $(TOOLS) \
		|| { apt-get install -y python3-venv && rm -rf $(TOOLS) && $(PYTHON) -m venv $(TOOLS); }
	@$(TOOLS)/bin/python -m pip install -qq --disable-pip-version-check "uv==$(UV_VERSION)"

tools: $(UV)

# uv sync, refusing a lock out of step with pyproject.toml with the fix in the message.
SYNC = $(UV) sync --locked --quiet

# Everything: the site's dependencies and the test and lint tools (uv's default groups).
install: $(UV) cms
	@$(SYNC) || { echo "make: $(LOCK_HINT)" >&2; exit 1; }

# Only what building the site needs (the deploy workflow); `make build` adds to what is there.
install-runtime: $(UV) cms
	@$(SYNC) --no-dev || { echo "make: $(LOCK_HINT)" >&2; exit 1; }

build: $(UV) build-deps cms
	@$(SYNC) --no-dev --inexact || { echo "make: $(LOCK_HINT)" >&2; exit 1; }
	@$(BIN)/mkdocs build --strict

# Debian packages the build needs (fonts and bidi for the social cards).
build-deps:
	@bash tests/install-build-deps.sh

# The web editor served at /admin/ (Sveltia CMS, exactly as cms/package-lock.json says).
cms:
	@bash cms/install.sh

serve: install build-deps
	@$(BIN)/nextsociety serve $(SERVE_ARGS)

check: install
	$(BIN)/nextsociety check

lint: install
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(BIN)/zizmor --offline --quiet .

test-deps: install build-deps
	bash tests/install-deps.sh

test: lint test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) $(TOOLS) tests/node_modules cms/node_modules
