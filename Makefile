# The everyday commands. Each one is a plain shell line you can also type yourself.
# `make install` first; everything else uses the virtual environment it makes.

VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help install hooks run chat test test-fast lint format typecheck ci bench

help:
	@echo "make install     virtual environment in $(VENV) with HearBack and its dev tools"
	@echo "make hooks       install the git hooks of .pre-commit-config.yaml"
	@echo "make run         the bot on Telegram (long polling; needs TELEGRAM_BOT_TOKEN in .env)"
	@echo "make chat        the same bot in this terminal, offline"
	@echo "make test        the whole suite (needs PostgreSQL on 127.0.0.1:5432)"
	@echo "make test-fast   everything but the end-to-end tests (-m 'not e2e')"
	@echo "make lint        ruff check and ruff format --check"
	@echo "make format      ruff format and ruff check --fix"
	@echo "make typecheck   mypy --strict on bot/ and tests/"
	@echo "make ci          what CI runs (bash .ci/run)"
	@echo "make bench       every benchmark under bench/ (prints figures; takes minutes)"

install:
	python3 -m venv $(VENV) && $(BIN)/pip install -q -e '.[dev]'

hooks: install
	$(BIN)/pre-commit install

run:
	$(BIN)/hearback run

chat:
	$(BIN)/hearback chat

test:
	$(BIN)/python -m pytest

test-fast:
	$(BIN)/python -m pytest -m "not e2e"

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck:
	$(BIN)/mypy --strict bot/ tests/

ci:
	bash .ci/run

bench:
	$(BIN)/python bench/intents.py
	$(BIN)/python bench/timeline_eval.py
	$(BIN)/python bench/updates.py
	$(BIN)/python bench/nudges.py
	$(BIN)/python bench/shared_rate.py
	$(BIN)/python bench/held_chat.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/tone_loco.py
