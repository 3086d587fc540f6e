# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SRC    ?= data/raw
OUT    ?= data/processed
# Debian packages the tool and its tests use: LibreOffice converts .doc/.odt/.rtf and makes
# the PDF fixtures; tesseract (with Swedish) OCRs scans; poppler rasterises pages; hunspell-sv
# is the Swedish word list used to join words hyphenated at line ends; chromium and
# chromium-driver run the auditor's page in the browser test.
SYSTEM_PACKAGES := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-swe poppler-utils hunspell-sv-se fonts-dejavu-core fonts-liberation chromium chromium-driver

.PHONY: run test sysdeps venv clean bench fixtures

run: venv
	$(VENV)/bin/ikextract ingest $(SRC) -o $(OUT)

test: venv sysdeps
	$(PY) -m pytest -q

sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# scan-fixtures: the scans in tests/fixtures/scans are committed; to remake them (needs
# Debian's ocrmypdf for the English-OCR layer): $(PY) -m tests.fixtures.build_scans
fixtures: venv sysdeps
	$(PY) -m tests.fixtures.build_docx --bad --raw
	$(PY) -m tests.fixtures.build_pdf

bench: venv
	$(PY) bench/pdf_throughput.py
	$(PY) bench/status_speed.py
	$(PY) bench/startup.py
	$(PY) bench/archive.py

clean:
	rm -rf $(VENV) $(OUT)
