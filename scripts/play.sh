#!/bin/sh
# Set up (first run only) and start Doorstep on the bundled scenarios. Extra arguments go to
# main.py, e.g.  sh scripts/play.sh play scenarios/demo-late-again.yaml
REQS=requirements.txt
. "$(dirname "$0")/_venv.sh"
exec .venv/bin/python main.py "$@"
