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
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-cffconvert.txt pyproject.toml | cksum | cut -d' ' -f1)
# cffconvert (which validates CITATION.cff) needs jsonschema<4: it has an environment of its own.
CFFCONVERT := $(VENV)/cffconvert/bin/cffconvert
export UV_NO_PROGRESS := 1
export PYTHONDONTWRITEBYTECODE :=

# DATA=path/to/folder builds or validates another data folder; FORCE=1 re-executes everything.
# DATA, FORCE, FILE, ID and ARTICLE reach the commands only as environment variables, taken
# unexpanded ($(value ...)) and quoted by the shell ("$$BOOTS_MAKE_DATA"), so a name with
# spaces, quotes, `;`, `$(...)` or backticks is passed as one argument and never run.
DATA ?=
FORCE ?=
# Adding an article: FILE=its text, ID=its article_id (optional), ARTICLE=the article to draft.
FILE ?=
ID ?=
ARTICLE ?=
# Extra arguments for the benchmark, e.g. BENCH_ARGS="--runs 1 --articles 100".
BENCH_ARGS ?=
# Extra arguments for JupyterLab, e.g. LAB_ARGS="--ip=0.0.0.0 --no-browser" in a container.
LAB_ARGS ?=
export BOOTS_MAKE_DATA := $(value DATA)
export BOOTS_MAKE_FORCE := $(value FORCE)
export BOOTS_MAKE_FILE := $(value FILE)
export BOOTS_MAKE_ID := $(value ID)
export BOOTS_MAKE_ARTICLE := $(value ARTICLE)
unexport DATA FORCE FILE ID ARTICLE
# The data folder as the command-line option of the commands that take one (shell syntax).
# `--data=VALUE` in one word, so a folder whose name starts with `-` is not read as an option.
DATA_OPTION := $${BOOTS_MAKE_DATA:+--data="$$BOOTS_MAKE_DATA"}

.PHONY: all help env validate notebooks dictionary test check test-variants lint format lab bench browser \
	screenshots clean add-article draft accept-draft bench-draft

all: env notebooks ## Build everything: environment, validation, notebooks, figures, HTML (`make`)

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

env: $(STAMP) ## Create .venv and install the pinned requirements (only when they change)

$(STAMP): requirements.txt requirements-cffconvert.txt pyproject.toml
	@echo "==> creating the environment in $(VENV) with $(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.txt
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	@test -x $(VENV)/cffconvert/bin/python || $(BIN)/uv venv --quiet --python $(BIN)/python $(VENV)/cffconvert
	@$(BIN)/uv pip install --quiet --python $(VENV)/cffconvert/bin/python -r requirements-cffconvert.txt
	@rm -f $(VENV)/.installed-* && touch $@

validate: $(STAMP) ## Check the curated tables against the schema and the articles (DATA=folder to check another)
	@$(BIN)/python -m boots.data.validate $${BOOTS_MAKE_DATA:+"$$BOOTS_MAKE_DATA"}

notebooks: $(STAMP) ## Execute stale notebooks in place, write figures/ and build the site in site/
	@$(BIN)/python -m boots.pipeline.build $(DATA_OPTION) $${BOOTS_MAKE_FORCE:+--force}

dictionary: $(STAMP) ## Regenerate data/README.md (the data dictionary) from data/datapackage.json
	@$(BIN)/python -m boots.data.dictionary --write

test: $(STAMP) browser ## Run every test: lint, data validation, unit tests, strict nbval, the site in a browser
	@$(BIN)/ruff check --quiet .
	@$(BIN)/ruff format --check --quiet .
	@$(BIN)/python -m pytest

test-variants: $(STAMP) ## Build every variant folder derived from data/ (boots.pipeline.variants) and check its prose
	@BOOTS_TEST_VARIANTS=all $(BIN)/python -m pytest tests/test_variants.py -p no:nbval -o addopts="-p boots.util.pytest_startup -ra" -n 2

check: $(STAMP) ## The fast inner loop: lint, unit tests, validation, fault and property suites (no notebook, site or browser)
	@$(BIN)/ruff check --quiet .
	@$(BIN)/ruff format --check --quiet .
	@$(BIN)/python -m pytest tests -m "not build and not browser" --dist load --hypothesis-profile=check

lint: $(STAMP) ## Lint and check formatting with ruff (notebooks included)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: $(STAMP) ## Format the code and notebooks with ruff
	@$(BIN)/ruff format .

lab: $(STAMP) ## Open JupyterLab on the project's environment
	@$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

add-article: $(STAMP) ## Add FILE=text.txt to the data: copy it, hash it, append its articles.csv row (ID=, DATA=)
	@test -n "$$BOOTS_MAKE_FILE" || { echo "usage: make add-article FILE=path/to/text.txt [ID=article_id] [DATA=folder]" >&2; exit 2; }
	@$(BIN)/python -m boots.curate.add_article $(DATA_OPTION) $${BOOTS_MAKE_ID:+--id="$$BOOTS_MAKE_ID"} -- "$$BOOTS_MAKE_FILE"

draft: $(STAMP) ## Propose the mentions of ARTICLE=id for review, in build/draft/<id>-mentions.csv
	@test -n "$$BOOTS_MAKE_ARTICLE" || { echo "usage: make draft ARTICLE=article_id [DATA=folder]" >&2; exit 2; }
	@$(BIN)/python -m boots.curate.draft $(DATA_OPTION) -- "$$BOOTS_MAKE_ARTICLE"

accept-draft: $(STAMP) ## Append the rows accepted in ARTICLE's reviewed draft to mentions.csv and quote_exclusions.csv
	@test -n "$$BOOTS_MAKE_ARTICLE" || { echo "usage: make accept-draft ARTICLE=article_id [DATA=folder]" >&2; exit 2; }
	@$(BIN)/python -m boots.curate.accept $(DATA_OPTION) -- "$$BOOTS_MAKE_ARTICLE"

bench-draft: $(STAMP) ## Precision and recall of the drafting assistant, leave one article out (build/bench-draft.*)
	@if [ -n "$$BOOTS_MAKE_DATA" ]; then $(BIN)/python -m boots.curate.bench --data="$$BOOTS_MAKE_DATA"; \
	else $(BIN)/python -m boots.curate.bench --readme; fi

bench: $(STAMP) ## Time make check and make test against a forced rebuild, floor, no-op; data stages and builds at 10^2-10^4 articles (build/bench.json)
	@$(BIN)/python -m boots.pipeline.speed_bench $(BENCH_ARGS)

# apt-get runs only where it can: as root, or with sudo that asks no password. Elsewhere (a
# Mac, Fedora, a user without sudo) nothing is installed, and `make test` skips the browser
# tests with one line saying what to install (under CI=true it fails them).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo -n)

browser: $(STAMP) ## Install Chromium and chromedriver with apt-get where missing and possible (root or sudo)
	@$(BIN)/python -m boots.pipeline.browser >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	    echo "==> installing chromium and chromium-driver with apt-get"; \
	    $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "==> no browser for the browser tests, and apt-get cannot install one here: $$($(BIN)/python -m boots.pipeline.browser 2>&1)"; \
	  fi; }

screenshots: notebooks browser ## Photograph the index, a notebook page and an article page into docs/screenshots/
	@$(BIN)/python -m boots.pipeline.screenshots

clean: ## Remove the environment and the rendered site (keeps committed outputs)
	rm -rf $(VENV) site build .pytest_cache
