# Everything runs from a virtual environment this Makefile creates: a fresh machine
# needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit bench fuzz format clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("cs-audit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

## demo: audit the bundled sample exports: a scorecard, and a workbook in audit.xlsx
demo: $(RUNTIME)
	$(BIN)/cs-audit audit sample_exports --xlsx audit.xlsx

## test: lint (ruff), types (mypy --strict) and the test suite (pytest)
test: lint typecheck unit

lint: $(DEV)
	$(BIN)/ruff check cs_audit tests benchmarks
	$(BIN)/ruff format --check cs_audit tests benchmarks

typecheck: $(DEV)
	$(BIN)/mypy

unit: $(DEV)
	$(BIN)/pytest

# whatstk, the peer parser measured beside cs-audit, and XlsxWriter, the workbook
# library measured beside cs-audit's own writer, live in their own environment: they
# are installed for the benchmark only, never as dependencies of cs-audit.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed-2:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		whatstk==0.9.1 xlsxwriter==3.3.1 openpyxl==3.1.5 'lxml>=5.0'
	touch $@

## bench: parse speed beside whatstk (10k/100k/1M messages); a tidy and a mixed week's folder audited; a workbook cell's cost in XlsxWriter and openpyxl; one long chat (10k/100k/1M messages) audited beside its parse
bench: $(RUNTIME) $(BENCH_VENV)/.installed-2
	$(BIN)/python benchmarks/bench_parse.py --whatstk $(BENCH_VENV)/bin/python
	$(BIN)/python benchmarks/bench_audit.py
	$(BENCH_VENV)/bin/python benchmarks/bench_xlsx.py
	$(BIN)/python benchmarks/bench_long.py

## fuzz: invented customer-service chat folders through every command for FUZZ_MINUTES
## (default 10); each contract break is shrunk and saved under fuzz-failures/
FUZZ_MINUTES ?= 10
fuzz: $(DEV)
	$(BIN)/python benchmarks/fuzz.py --minutes $(FUZZ_MINUTES)

format: $(DEV)
	$(BIN)/ruff format cs_audit tests benchmarks
	$(BIN)/ruff check --fix cs_audit tests benchmarks

clean:
	rm -rf $(VENV) .venv-bench bench-data fuzz-failures .mypy_cache .ruff_cache .pytest_cache .hypothesis
