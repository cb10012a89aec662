"""The pygame-ce desktop front end: a shell over the pure core in game.core."""
