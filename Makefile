# Two commands for a fresh machine with Python 3.11+, make and Node/npm:
#   make run   - set up, load the Tees demo, serve on http://127.0.0.1:8000
#   make test  - set up, then every test (unit, integration, browser)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test setup python deps assets browser demo lint lint-imports typecheck migrations-check upgrade-check bench load clean

run: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

setup: deps assets

python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)."; exit 1; }

$(BIN)/uv: | python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

deps: $(BIN)/uv
	$(BIN)/uv sync --frozen --quiet

# GOV.UK Frontend (styles compiled without the GOV.UK typeface), htmx and axe-core.
assets: node_modules/.package-lock.json static/build/hub.css

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: install Node.js 18+ with npm."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

static/build/hub.css: assets/scss/hub.scss node_modules/.package-lock.json
	npx sass --load-path=. --no-source-map --style=compressed --quiet-deps \
	  --silence-deprecation=import,global-builtin assets/scss/hub.scss $@

# Browser tests drive Debian's Chromium and the yearly report's PDF needs Pango (WeasyPrint);
# install them where we can, else say what is missing.
browser:
	@{ command -v $${HUB_CHROMIUM:-chromium} >/dev/null && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libpango-1.0-0 libpangoft2-1.0-0; \
	  else \
	    echo "Browser tests need Chromium and the PDF needs Pango: run 'sudo apt-get install chromium libpango-1.0-0 libpangoft2-1.0-0' (or set HUB_CHROMIUM to Chromium's path)."; exit 1; \
	  fi; }

demo: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo

lint: deps lint-imports typecheck
	$(BIN)/ruff check .

# mypy with django-stubs (decision 0018) on every app's services and selectors, the policy
# layer and the Source creators; settings in pyproject.toml [tool.mypy].
TYPED := $(wildcard */services.py */services/*.py */selectors.py) core/policy.py \
	core/sources.py learning/sources.py
typecheck: deps
	$(BIN)/mypy $(TYPED)

# The layers and no-cycles contracts in pyproject.toml (decision 0016).
lint-imports: deps
	$(BIN)/lint-imports

migrations-check: deps
	$(BIN)/python manage.py makemigrations --check --dry-run

# The release before the database-constraints work of issue 10 (its item 5 and 6 rules).
UPGRADE_FROM ?= a8e9e0e
upgrade-check: deps
	UPGRADE_FROM=$(UPGRADE_FROM) .ci/upgrade-check

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

# Needs the data set of a `make bench BENCH_ARGS="--database-url URL"` run in that database.
load: setup
	$(BIN)/python -m bench.load --database-url $(BENCH_DATABASE_URL) $(LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
