"""Doorstep: a training simulation for child-protection practitioners.

`game.core` is the pure engine (no screen, clock or network); `game.cli`, `game.ui`,
`game.storage` and `game.exports` are the shells around it.
"""
