# attrib's everyday commands; the virtual environment is .venv (see README).
PY ?= .venv/bin/python

.PHONY: test fuzz bench lint

test:  ## the default suite (slow tests excluded by pyproject's addopts)
	$(PY) -m pytest

fuzz:  ## Hypothesis fuzzing of text preparation, the quote finder, the analyzer and every writer, then the slow tests
	$(PY) benchmarks/fuzz.py --examples 20000 --analyze-examples 3000
	$(PY) -m pytest -m slow tests/test_robustness.py

bench:  ## throughput, --jobs scaling, cold start, memory and the length curve
	$(PY) benchmarks/bench_analyze.py

lint:
	.venv/bin/ruff check attribution tests benchmarks
