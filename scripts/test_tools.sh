#!/bin/sh
# Install the tools the slow tests use that are not among our Python requirements, each pinned
# and each bounded in time (.ci/run calls this; run it yourself before `sh scripts/test.sh -m slow`):
#   - Pyodide, scorm-again and the page's Python libraries: scripts/scorm_runtime.sh
#   - Ralph 5.1.0, a real Learning Record Store, in a venv of its own (its pins are not ours):
#     .cache/ralph (or $DOORSTEP_RALPH_VENV), from tests/exports/ralph/requirements.txt
# A tool that cannot be installed is reported; the tests that need it then say why they skip.
set -u
cd "$(dirname "$0")/.."
status=0
sh scripts/scorm_runtime.sh || { echo "the SCORM runtime could not be installed" >&2; status=1; }
ralph="${DOORSTEP_RALPH_VENV:-.cache/ralph}"
reqs=tests/exports/ralph/requirements.txt
if [ ! -f "$ralph/.installed" ] || [ "$reqs" -nt "$ralph/.installed" ]; then
  echo "Installing Ralph into $ralph ..." >&2
  if python3 -m venv "$ralph" &&
     timeout 600 "$ralph/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs"; then
    touch "$ralph/.installed"
  else
    echo "Ralph could not be installed" >&2
    status=1
  fi
fi
exit $status
