# The README's commands. `make run` serves the demo site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run PORT=8001` serves on another port.
PORT ?= 8000

.PHONY: run test lint bench audit screenshots clean

# Re-install only when a requirements file changes, so a second `make run` is quick.
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The site and, beside it, the worker that sends notification emails (forms/tasks.py;
# with the development settings they are printed here). Both run in the background of
# one shell, which waits for the server: Ctrl-C, or stopping make, stops both, and when
# the server exits for any reason the worker is stopped too.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_site
	$(MANAGE) ensure_demo_users
	@echo "Serving the demo site on http://127.0.0.1:$(PORT) (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Notification emails are sent by the worker beside it (manage.py db_worker --backend notifications)"
	@$(MANAGE) db_worker --backend notifications & worker=$$!; \
	$(MANAGE) runserver 127.0.0.1:$(PORT) & server=$$!; \
	trap 'kill $$server $$worker 2>/dev/null' INT TERM HUP; \
	wait $$server; status=$$?; \
	kill $$worker 2>/dev/null; wait $$worker; \
	exit $$status

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=clinicsite.settings.test $(MANAGE) makemigrations --check --dry-run

# 500 form submissions from 25 concurrent clients against gunicorn on PostgreSQL
# (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/clinicsite_bench),
# then 50 from 10 with a healthy and with a hung mail server (aiosmtpd, a dev requirement);
# then every page type cached and uncached, on SQLite and on PostgreSQL + Redis, beside the
# framework's floor and nginx serving copies, with wrk (bench/pages.py; Debian's wrk and nginx).
# `make bench BENCH=pages` (or BENCH=submissions) runs one part.
BENCH ?= submissions pages
bench: $(VENV)/.installed-dev
	@status=0; \
	for part in $(BENCH); do \
	  case $$part in \
	    submissions) $(BIN)/python bench/run.py || status=1 ;; \
	    pages) $(BIN)/python bench/pages.py || status=1 ;; \
	    *) echo "make bench: unknown part $$part (submissions, pages)"; status=1 ;; \
	  esac; \
	done; \
	exit $$status

# Measurements, printed: known vulnerabilities in the pinned requirements (pip-audit, with the
# allow-list audit/pip-audit-allowlist.txt), then the scores of a throwaway demo site served with the
# production settings by gunicorn behind a local TLS proxy (audit/run.py: the MDN HTTP Observatory and
# Lighthouse; Node.js 20+ and npm, they go into audit/node_modules on first use). Both always run; the
# exit status is 1 when either misses its goal. Another audit of the site is a module named in audit/run.py.
audit: $(VENV)/.installed-dev
	@status=0; \
	$(BIN)/python audit/pip_audit.py || status=1; \
	$(BIN)/python audit/run.py || status=1; \
	exit $$status

# The editor guide's screenshots (docs/images/editor-guide/), remade in Chromium through the
# admin of a throwaway demo site on 127.0.0.1:8013; your db.sqlite3 is not touched.
screenshots: $(VENV)/.installed-dev
	$(BIN)/python docs/screenshots/take_editor_guide_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache collected-static
