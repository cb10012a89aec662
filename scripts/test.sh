#!/bin/sh
# Set up (first run only) and run the test suite. Extra arguments go to pytest, e.g.
#   sh scripts/test.sh -m slow      (the bounded soak, fuzz and database tests)
. "$(dirname "$0")/_venv.sh" requirements-dev.txt
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}" SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"
exec .venv/bin/python -m pytest "$@"
