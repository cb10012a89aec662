#!/bin/sh
# Set up (first run only) and run the test suite. Extra arguments go to pytest, e.g.
#   sh scripts/test.sh -m slow      (the bounded soak, fuzz and database tests)
REQS=requirements-dev.txt
. "$(dirname "$0")/_venv.sh"
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}" SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"
exec .venv/bin/python -m pytest "$@"
