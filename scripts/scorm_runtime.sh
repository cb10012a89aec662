#!/bin/sh
# Install what `main.py export scorm` puts into a package (Pyodide from npm, the page's Python
# libraries from PyPI) and scorm-again for the tests, into .cache/scorm-runtime. Needs npm.
# The work is done by game/exports/scorm/install.py (on Windows: python -m game.exports.scorm.install).
REQS=requirements.txt
. "$(dirname "$0")/_venv.sh"
exec .venv/bin/python -m game.exports.scorm.install
