# The two commands: `make run` (demo portal on SQLite, no servers) and `make test` (the suite on PostgreSQL and Redis).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)

.PHONY: run test lint format messages bench backup restore venv check-deploy clean

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

run: venv
	bin/run

test: venv
	bin/ensure-services
	bin/test $(ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: venv
	bin/messages

bench: venv
	bin/ensure-services
	bin/bench

backup: venv
	$(PY) manage.py backup $(if $(DIR),--dir $(DIR),)

restore: venv
	@test -n "$(FROM)" || { echo "usage: make restore FROM=var/backups/backup-YYYYmmdd-HHMMSS"; exit 2; }
	$(PY) manage.py restore $(FROM)

clean:
	rm -rf var/celery var/static
