# Every target creates or refreshes .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck fuzz bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kadermodel assess examples/voorbeeldstad.yaml

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy --strict src examples
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

fuzz: $(STAMP)
	KADERMODEL_FUZZ=long KADERMODEL_HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest tests/fuzz -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/questionnaire.py --municipalities 200 --random-kaders 200

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
