# Quartiersportal Heilbronn. Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
MANAGE := $(PY) manage.py
# Management commands outside the test run use development settings (no SECRET_KEY needed).
DEV := DEBUG=1
# pytest-xdist processes for `make test`: one per core.
TEST_WORKERS ?= auto
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lighthouse lint format catalogues messages browser demo backup restore clean help

help:
	@echo "make run   - install, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test  - install with test extras, lint, migrations check, whole test suite"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -e ".[test]"
	touch $@

catalogues: $(VENV)/.installed
	$(DEV) $(MANAGE) compile_catalogues -v0

demo: $(VENV)/.installed catalogues
	mkdir -p var
	$(DEV) $(MANAGE) migrate --noinput
	$(DEV) $(MANAGE) createcachetable
	$(DEV) $(MANAGE) load_demo
	$(DEV) $(MANAGE) create_demo_users

run: demo
	$(DEV) $(MANAGE) runserver $(HOST):$(PORT)

browser:
	@bash scripts/ensure-browser.sh

test: $(VENV)/.installed-test catalogues browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(DEV) $(MANAGE) makemigrations --check --dry-run
	@# The suite's wall time is printed just above pytest's closing line ("Test suite time").
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

# Benchmarks: gunicorn + wrk on PostgreSQL and SQLite, every page against a bare view.
bench: $(VENV)/.installed catalogues
	@command -v wrk >/dev/null || (test "$$(id -u)" = 0 && apt-get install -y -qq wrk >/dev/null) \
		|| (echo "wrk is needed: apt-get install wrk" && exit 2)
	$(PY) bench/run.py
	$(PY) bench/concurrency.py

# Lighthouse (npm, Debian's Chromium) and front-end weight on every page type in German and Arabic.
lighthouse: $(VENV)/.installed catalogues
	$(PY) bench/lighthouse.py

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Developers only: needs GNU gettext's xgettext to extract new strings.
messages: $(VENV)/.installed
	$(DEV) $(MANAGE) makemessages --no-obsolete --no-location --ignore=.venv --ignore=var \
		-l de -l en -l ar -l ro -l ru -l tr

# Database (pg_dump or SQLite backup API) and media into var/backups/<time>/, with checksums.
backup: $(VENV)/.installed
	$(MANAGE) backup

# make restore BACKUP=var/backups/20261125-031500
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=var/backups/<folder>" && exit 2)
	$(MANAGE) restore "$(BACKUP)"

clean:
	rm -rf $(VENV) var/db.sqlite3 var/static var/test-media-*
