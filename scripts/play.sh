#!/bin/sh
# Set up (first run only) and start Doorstep on the bundled scenarios. Extra arguments go to
# main.py, e.g.  sh scripts/play.sh play scenarios/demo-late-again.yaml
REQS=requirements.txt
. "$(dirname "$0")/_venv.sh"
# Self-voicing on Linux speaks through espeak-ng: install it when we may, else say how.
if [ "$(uname -s)" = Linux ] && ! command -v espeak-ng >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -qq espeak-ng >/dev/null 2>&1) || echo "Could not install espeak-ng; reading aloud will be unavailable." >&2
  else
    echo "Tip: for reading aloud (press V in the game), install espeak-ng: sudo apt install espeak-ng" >&2
  fi
fi
exec .venv/bin/python main.py "$@"
