# One definition of "green": CI (.ci/run) calls `make ci`, which is the README's test command.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# The publishers' real files the demo takes the gemeente indeling from (make demo REFERENCE_DIR=...).
REFERENCE_DIR ?= ../shared/data/raw

.PHONY: help setup run app etl demo check lint format typecheck test browser-deps ci bench clean

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(BIN)/activate: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 (python3.11) is nodig"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

setup: $(BIN)/activate  ## create .venv with runtime and dev dependencies

run: setup  ## set up and start the dashboard (builds the demo warehouse on first start)
	$(BIN)/streamlit run serve.py --server.port $(PORT) --browser.gatherUsageStats false

app: run

demo: setup  ## write demo raw files with the real indeling and build data/kompas.duckdb
	$(BIN)/python -m etl demo --raw-dir data/demo-raw --structure-from $(REFERENCE_DIR)
	$(BIN)/python -m etl build --raw-dir data/demo-raw

format: setup  ## format code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: setup  ## ruff format check and lint
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: setup  ## mypy on etl/, dashboard/, stats/ and ocw/
	$(BIN)/mypy

test: setup  ## the whole test suite on both cores (browser tests included when Chromium is present)
	$(BIN)/python -m pytest -q -n 2 --durations=30

check: lint typecheck test  ## lint + types + tests

browser-deps:  ## Debian Chromium and HAProxy (as root) and axe-core from npm, for the browser and room tests
	bash tests/browser/install_chromium.sh
	bash tests/browser/setup_axe.sh

ci: setup browser-deps check  ## set up everything and run all checks (what CI runs)

bench: setup  ## benchmarks: ETL, pages, load; rewrites BENCHMARKS.md
	$(BIN)/python -m benchmarks --json test-output/benchmarks.json

clean:  ## remove generated files (keeps .venv)
	rm -rf data/*.duckdb data/demo-raw test-output .pytest_cache .mypy_cache .ruff_cache
