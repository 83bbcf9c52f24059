# Everything a newcomer, a staff member or CI runs. Needs only python3 (3.11+) and make:
# the first target that needs it creates .venv from the pinned, hashed requirements.lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
AS_OF  ?=
ARGS   := $(if $(AS_OF),--as-of $(AS_OF),)

.PHONY: help install site check serve test lint golden bench screenshots clean lock

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(STAMP)  ## create .venv from requirements.lock

site: $(STAMP)  ## validate data/, generate content/, build site/
	$(BIN)/python -m generators build $(ARGS)

check: $(STAMP)  ## validate data/ only
	$(BIN)/python -m generators check $(ARGS)

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000 (saving a YAML file refreshes the page)
	$(BIN)/python -m generators serve $(ARGS)

lint: $(STAMP)  ## ruff over the code
	$(BIN)/ruff check generators tests

test: $(STAMP) lint  ## every test: lint, unit, golden, real MkDocs build, real browser
	$(BIN)/python -m pytest

golden: $(STAMP)  ## refresh the golden Markdown files after an intended change
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/render/test_golden.py -q

bench: $(STAMP)  ## benchmark against the alternatives; writes BENCHMARKS.md (BENCH_SIZES="1000" for a quick run)
	$(BIN)/python tests/bench.py

screenshots: $(STAMP)  ## README screenshots: 360 px light and dark, and the printed notice (needs poppler-utils)
	$(BIN)/python tests/screenshots.py

lock:  ## re-pin requirements.lock from requirements.in (needs network and uv)
	uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:  ## remove generated pages, the site and caches (not .venv)
	[ ! -x $(BIN)/python ] || $(BIN)/python -m generators clean
	rm -rf site .site-* .pytest_cache .ruff_cache
