"""Doorstep: start the game, or run a command (`python main.py --help`)."""
import sys

if __name__ == "__main__":
    if len(sys.argv) == 1:
        # No command: the game, at once. The command line (and the agency commands it
        # registers, which load the results store) is only loaded when there is one to parse.
        from game.cli.launcher import start_game

        sys.exit(start_game())
    from game.cli.main import main

    sys.exit(main())
