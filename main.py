"""Doorstep: start the game, or run a command (`python main.py --help`)."""
import sys

from game.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
