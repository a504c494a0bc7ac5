# The README's commands. `make run` serves the demo site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run PORT=8001` serves on another port.
PORT ?= 8000

.PHONY: run test lint bench clean

# Re-install only when a requirements file changes, so a second `make run` is quick.
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_site
	$(MANAGE) ensure_demo_users
	@echo "Serving the demo site on http://127.0.0.1:$(PORT) (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=clinicsite.settings.test $(MANAGE) makemigrations --check --dry-run

# 500 form submissions from 25 concurrent clients against gunicorn on PostgreSQL
# (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/clinicsite_bench).
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache collected-static
