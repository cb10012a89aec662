# Sourced by play.sh and test.sh: make .venv from the pinned requirements file named in $REQS
# reinstalling only when that file has changed since the last install.
set -e
cd "$(dirname "$0")/.."
PY=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
    PY="$candidate"; break
  fi
done
if [ -z "$PY" ]; then
  echo "Doorstep needs Python 3.11 or newer (python3.11 or python3 on the PATH)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PY ..." >&2
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$REQS")"
if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp" 2>/dev/null)" ]; then
  echo "Installing pinned requirements ($REQS) ..." >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQS"
  touch "$stamp"
fi
