# The two quick-start commands (`make serve`, `make test`) and the checks CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install serve test lint clean explorer-vendor explorer-map

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Articula needs Python 3.11 or newer as $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/articula serve

# Two workers, each with its own local Neo4j (or container), a test file each at a time; none
# against a NEO4J_URI server, which workers would share.
TEST_WORKERS ?= $(if $(NEO4J_URI),0,2)

test: $(STAMP)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Regenerate service/static/explorer/vendor/ from explorer/package-lock.json (needs npm).
explorer-vendor:
	explorer/vendor.sh

# Rebuild the map's boundaries, service/static/explorer/map/lac.json (needs npm).
explorer-map: $(STAMP)
	cd explorer && npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python explorer/map_codes.py | node explorer/build_map.mjs

clean:
	-$(BIN)/articula neo4j stop
	rm -rf $(VENV)
