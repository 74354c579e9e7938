# Every target creates or refreshes .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck fuzz bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The browser tests drive Debian's chromium through playwright (never playwright's own
# browser download); install it when it is missing and we may (root), otherwise stop and name
# the package. A missing browser fails the tests, it is never a skip.
CHROMIUM := /usr/bin/chromium
browser:
	@command -v chromium >/dev/null 2>&1 || test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium ontbreekt: installeer het Debian-pakket 'chromium' (apt-get install chromium)" >&2; exit 1; fi; }

run: $(STAMP)
	$(BIN)/kadermodel assess examples/voorbeeldstad.yaml

test: $(STAMP) browser
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
	$(BIN)/python benchmarks/serve_load.py --clients 20 --seconds 10

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis artifacts
