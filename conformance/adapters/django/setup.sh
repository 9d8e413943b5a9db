#!/bin/sh
# Creates conformance/adapters/django/.venv with Django 5.2.17 and psycopg 3 from the local
# package index (pip's configured mirror); nothing is downloaded when the suite runs.
set -eu
DIR=$(cd "$(dirname "$0")" && pwd)
VENV="$DIR/.venv"
PYTHON=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
PIP="$VENV/bin/pip"
"$PIP" install -q --retries 0 --disable-pip-version-check django==5.2.17
"$PIP" install -q --retries 0 --disable-pip-version-check 'psycopg[binary]==3.3.6' \
  || "$PIP" install -q --retries 0 --disable-pip-version-check psycopg==3.3.6 \
  || echo "psycopg 3.3.6 could not be installed: the PostgreSQL run of the django adapter will not work" >&2
# ImageField needs Pillow; without it only the image cases fail.
"$PIP" install -q --retries 0 --disable-pip-version-check pillow 2>/dev/null \
  || echo "Pillow is not available: ImageField cases will fail against Django" >&2
"$VENV/bin/python" -c "import django; print('django adapter ready: Django', django.get_version(), 'in', '$VENV')"
