# The two commands of the README: `make demo` (set up and run) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo serve test check lint typecheck layers pytest clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/commplan demo

serve: $(STAMP)
	$(BIN)/commplan serve

# Starts a throw-away PostgreSQL unless COMMPLAN_TEST_POSTGRES_URL is set, then runs every check.
test: $(STAMP)
	scripts/with-postgres $(MAKE) --no-print-directory check

check: lint typecheck layers pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

layers:
	$(PYTHON) ../shared/tools/check_layers.py .

pytest:
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
