# Two commands: `make serve` builds and serves the site; `make test` installs everything and
# runs every test. Both work on a fresh Debian machine with only Python 3.11+, Node.js and apt.
#
# Python packages go into the project's own virtual environment (.venv/), never into the Python
# that made it: Debian's own python3 refuses `pip install` (PEP 668), and nothing here ever asks it
# to. A stamp file per installer means a second run installs nothing unless its inputs changed.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast install install-python install-node install-system build clean icons

serve: install-python install-node
	@echo "Serving the site at http://127.0.0.1:$(PORT)/ once it is built (Ctrl+C stops it)"
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Every test, on two pytest-xdist workers: the tests that wait on a watchdog, a time limit or
# the throttled link share one (xdist_group "waits") and overlap with the rest, as do Firefox's
# and WebKit's tests (one group per engine, tests/engines/conftest.py). Both builds of
# the site are made once, under a lock, for both workers; the first starts at once, while the
# tests that need no build run (tests/conftest.py). The 25 slowest tests are printed.
test: install
	$(PY) -m pytest -n 2 --dist loadgroup --durations=25

# What needs no build of the site and no waiting (the core, its properties and doctests, the
# CLI, ruff and mypy, ESLint and Stylelint, the Node unit tests of the page JS): under a minute.
test-fast: install-python install-node
	$(PY) -m pytest -m "not build and not slow"

# site/ for any static host, and site-host/ with the same header rules for nginx and Caddy: the
# build to publish. It refuses to run until mkdocs.yml names a contact (extra.contact) and the
# address the site is published at (site_url): overrides/hooks/publishing.py says which is missing.
# MKDOCS_CONFIG=<file> builds from another config file (one that INHERITs mkdocs.yml, say).
MKDOCS_CONFIG ?= mkdocs.yml
build: install-python install-node
	BFR_PUBLISH=1 $(PY) -m mkdocs build --strict --config-file $(MKDOCS_CONFIG)

install: install-system install-python install-node

install-python: $(PY_STAMP)
install-node: $(NODE_STAMP)

# The environment is made once, from whichever Python 3.11+ is first on the PATH (Debian's, pyenv,
# conda, Homebrew). Debian ships venv's pip separately (python3-venv): install it when it is
# missing and apt can, otherwise say what to do.
$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "error: $(PYTHON) not found; install Python 3.11+ (Debian: sudo apt-get install python3 python3-venv)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: $(PYTHON) is older than Python 3.11; put a newer python3 first on the PATH" >&2; exit 1; }
	@if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    ver=$$($(PYTHON) -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'); \
	    echo "Installing Debian's python3-venv (needed to make $(VENV))"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv \
	      && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python$$ver-venv || true; }; \
	    $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "error: '$(PYTHON) -m venv' failed; on Debian or Ubuntu run: sudo apt-get install python3-venv" >&2; \
	    exit 1; \
	  fi; \
	fi

$(PY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "error: npm not found; install Node.js 18+ with npm (Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium, Firefox ESR and WebKitGTK (its WebDriver, and the library that holds the
# MiniBrowser it drives, under Xvfb), the hunspell dictionaries and nginx, only when missing.
SYSTEM_PACKAGES := chromium firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb \
	hunspell hunspell-en-gb hunspell-da sqlite3 nginx
install-system:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: apt-get not found; install these Debian packages by hand: $(SYSTEM_PACKAGES)" >&2; exit 1; fi; \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "error: missing Debian packages and not root; run: sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

# The app icons (web app manifests, iOS home screen), drawn as SVG and committed as PNG: run this
# after changing an SVG. rsvg-convert is in Debian's librsvg2-bin.
IMAGES := overrides/assets/images
icons:
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  echo "error: rsvg-convert not found; install it (Debian: sudo apt-get install librsvg2-bin)" >&2; exit 1; }
	rsvg-convert -w 192 -h 192 $(IMAGES)/icon.svg -o $(IMAGES)/icon-192.png
	rsvg-convert -w 512 -h 512 $(IMAGES)/icon.svg -o $(IMAGES)/icon-512.png
	rsvg-convert -w 192 -h 192 $(IMAGES)/icon-maskable.svg -o $(IMAGES)/icon-maskable-192.png
	rsvg-convert -w 512 -h 512 $(IMAGES)/icon-maskable.svg -o $(IMAGES)/icon-maskable-512.png
	rsvg-convert -w 180 -h 180 $(IMAGES)/icon-maskable.svg -o $(IMAGES)/apple-touch-icon.png

# What the build and the installers made; `make test` or `make serve` makes it all again.
clean:
	rm -rf site site-host $(VENV) node_modules .cache build .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
