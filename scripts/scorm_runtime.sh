#!/bin/sh
# Install what `main.py export scorm` puts into a package, from the package registries:
# Pyodide (npm, exact version in game/exports/scorm/runtime/package-lock.json) and the pure-Python
# libraries the core needs in the page (PyPI, game/exports/scorm/runtime/pyodide-requirements.txt).
# Also scorm-again, which the tests use as the LMS. Into .cache/scorm-runtime (or
# $DOORSTEP_SCORM_RUNTIME). Needs npm (it comes with Node.js). Run it again after an update.
set -eu
cd "$(dirname "$0")/.."
src=game/exports/scorm/runtime
dest="${DOORSTEP_SCORM_RUNTIME:-.cache/scorm-runtime}"
command -v npm >/dev/null 2>&1 || { echo "npm is not installed: install Node.js (it brings npm), then run this again" >&2; exit 1; }
mkdir -p "$dest/wheels"
if ! cmp -s "$src/package-lock.json" "$dest/package-lock.json" || [ ! -f "$dest/node_modules/pyodide/pyodide.mjs" ]; then
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  (cd "$dest" && timeout 600 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
py=.venv/bin/python
[ -x "$py" ] || py=python3
timeout 600 "$py" -m pip download --quiet --no-deps --disable-pip-version-check -d "$dest/wheels" -r "$src/pyodide-requirements.txt"
echo "SCORM runtime ready in $dest"
