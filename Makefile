# The two commands of the README: `make demo` (set up and run) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo serve test check lint typecheck layers pytest clean lock

# Every dependency at the version and hash the lock file names (pip refuses anything else), then
# commplan itself without resolving anything more. `make lock` writes the lock files anew.
$(STAMP): pyproject.toml requirements-test-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-test-lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The lock files from pyproject.toml (pip-tools): requirements-lock.txt for the image (what
# commplan needs to run), requirements-test-lock.txt for the tests, at the same versions.
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

lock:
	$(BIN)/pip install --quiet --disable-pip-version-check pip-tools
	$(LOCK) --upgrade -o requirements-lock.txt pyproject.toml
	$(LOCK) --extra test -c requirements-lock.txt -o requirements-test-lock.txt pyproject.toml

# The JavaScript readers the tests run with node (ical.js); skipped where npm is absent, and then
# the tests that need them fail in CI and skip elsewhere.
JS_STAMP := tests/js/node_modules/.installed-stamp

$(JS_STAMP): tests/js/package.json tests/js/package-lock.json
	if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/js --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the ical.js tests will skip (or fail in CI)"; fi

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/commplan demo

serve: $(STAMP)
	$(BIN)/commplan serve

# Starts a throw-away PostgreSQL unless COMMPLAN_TEST_POSTGRES_URL is set, then runs every check.
test: $(STAMP) $(JS_STAMP)
	scripts/with-postgres $(MAKE) --no-print-directory check

check: lint typecheck layers pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

# The import-linter contracts in pyproject.toml: imports flow config <- storage <- scheduler <- bot.
layers:
	$(BIN)/lint-imports

# Branch coverage ([tool.coverage] in pyproject.toml): the report lists every module not fully covered.
pytest:
	$(BIN)/pytest --cov --cov-report=term

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
