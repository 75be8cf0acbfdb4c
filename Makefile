# Two commands: `make serve` builds and serves the site; `make test` installs everything and
# runs every test. Both work on a fresh Debian machine with only Python, Node.js and apt.

PYTHON ?= python3
CHROMIUM := /usr/lib/chromium/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test install install-python install-node install-system build

serve: install-python install-node
	$(PYTHON) -m mkdocs serve

test: install
	$(PYTHON) -m pytest

build: install-python install-node
	$(PYTHON) -m mkdocs build --strict

install: install-system install-python install-node

install-python:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[test]'

install-node:
	npm ci --no-audit --no-fund --loglevel=error

# Debian's Chromium and the hunspell dictionaries, only when missing.
SYSTEM_PACKAGES := chromium hunspell hunspell-en-us hunspell-da
install-system:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi
