# T-Profile: `make run` serves the app on SQLite with the catalogue and demo data, and runs
# a task worker beside it; `make test` runs the whole test suite. Both set up .venv on
# first use.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

# The first Python >= 3.12 found: $PYTHON, then python3.x on PATH, then pyenv's versions.
define FIND_PYTHON
for candidate in "$${PYTHON:-}" python3.14 python3.13 python3.12 python3 \
    $$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.*/bin/python3 2>/dev/null | sort -Vr); do \
  [ -n "$$candidate" ] || continue; \
  command -v "$$candidate" >/dev/null 2>&1 || continue; \
  if "$$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    command -v "$$candidate"; exit 0; \
  fi; \
done; \
echo "T-Profile needs Python 3.12 or newer with the venv module, and none was found." >&2; \
echo "Looked at \$$PYTHON, python3.14, python3.13, python3.12, python3 and pyenv's versions." >&2; \
echo "Install one (e.g. 'pyenv install 3.13') or point PYTHON at it: make PYTHON=/path/to/python3.13" >&2; \
exit 1
endef

.PHONY: run test lint typecheck format e2e clean

$(VENV)/.installed: pyproject.toml
	@if ! [ -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  python=$$($(FIND_PYTHON)) || exit 1; \
	  echo "Creating $(VENV) with $$python"; \
	  rm -rf $(VENV) && "$$python" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

run: $(VENV)/.installed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py load_catalogue
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py load_demo
	@# The task worker runs in the background while the server does, and stops with it.
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff's lint and format, the import contracts of pyproject.toml ([tool.importlinter]) and
# the types (see typecheck).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_DEBUG=1 $(VENV)/bin/mypy

# The types: mypy with django-stubs ([tool.mypy]). Its Django plugin reads the settings,
# which want a secret key unless in debug mode.
typecheck: $(VENV)/.installed
	DJANGO_DEBUG=1 $(VENV)/bin/mypy

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .hypothesis .ruff_cache .import_linter_cache .mypy_cache
