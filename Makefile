# The two commands of the README. Both set everything up from zero (a virtualenv in .venv) on first use.
#   make run    the REPL over seeds/ (piped lines are answered, then it exits)
#   make test   the whole test suite, as CI runs it
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench lint clean

run: $(STAMP)
	@$(BIN)/tinbot repl

test: $(STAMP)
	@$(BIN)/python -m pytest -q -n 2

test-fast: $(STAMP)
	@$(BIN)/python -m pytest -q -n 2 -m "not slow"

bench: $(STAMP)
	@$(BIN)/tinbot bench

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) >&2
	@echo "setting up $(VENV) (first run only; torch and the model packages take a minute)..." >&2
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip >&2 2>/dev/null || true
# pip's log (build-backend notices included) is shown only if the install fails.
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test,plot]' > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log >&2; echo "make: installing failed; the log above is in $(VENV)/install.log" >&2; exit 1; }
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info
