# Boots on the Ground. `make help` lists the targets.
# The README's two commands: `make` (build everything) and `make test` (run every test).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-print-directory

PYTHON ?= python3.11
UV_VERSION := 0.13.8
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
export UV_NO_PROGRESS := 1
export PYTHONDONTWRITEBYTECODE :=

# DATA=path/to/folder builds or validates another data folder; FORCE=1 re-executes everything.
# Both reach the commands only as environment variables, taken unexpanded ($(value ...)) and
# quoted by the shell ("$$BOOTS_MAKE_DATA"), so a folder name with spaces, quotes, `;`, `$(...)`
# or backticks is passed as one argument and never run as a command.
DATA ?=
FORCE ?=
export BOOTS_MAKE_DATA := $(value DATA)
export BOOTS_MAKE_FORCE := $(value FORCE)
unexport DATA FORCE

.PHONY: all help env validate notebooks dictionary test lint format lab bench clean

all: env notebooks ## Build everything: environment, validation, notebooks, figures, HTML (`make`)

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

env: $(STAMP) ## Create .venv and install the pinned requirements (only when they change)

$(STAMP): requirements.txt pyproject.toml
	@echo "==> creating the environment in $(VENV) with $(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.txt
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	@rm -f $(VENV)/.installed-* && touch $@

validate: $(STAMP) ## Check the curated tables against the schema and the articles (DATA=folder to check another)
	@$(BIN)/python -m boots.data.validate $${BOOTS_MAKE_DATA:+"$$BOOTS_MAKE_DATA"}

notebooks: $(STAMP) ## Execute stale notebooks in place, write figures/ and render site/
	@$(BIN)/python -m boots.pipeline.build $${BOOTS_MAKE_DATA:+--data "$$BOOTS_MAKE_DATA"} $${BOOTS_MAKE_FORCE:+--force}

dictionary: $(STAMP) ## Regenerate data/README.md (the data dictionary) from data/datapackage.json
	@$(BIN)/python -m boots.data.dictionary --write

test: $(STAMP) ## Run every test: lint, data validation, unit tests, strict nbval on every notebook
	@$(BIN)/ruff check --quiet .
	@$(BIN)/ruff format --check --quiet .
	@$(BIN)/python -m boots.data.validate
	@$(BIN)/python -m pytest

lint: $(STAMP) ## Lint and check formatting with ruff (notebooks included)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: $(STAMP) ## Format the code and notebooks with ruff
	@$(BIN)/ruff format .

lab: $(STAMP) ## Open JupyterLab on the project's environment
	@$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP) ## Time the build, make test, floor, no-op; data stages and builds at 10^2-10^4 articles (build/bench.json)
	@$(BIN)/python -m boots.pipeline.bench

clean: ## Remove the environment and the rendered site (keeps committed outputs)
	rm -rf $(VENV) site build .pytest_cache
