"""Gamepads (SDL's game controller API through pygame-ce): each button stands for a key, so
every screen works with a pad exactly as with the keyboard; a button that stands for an action
(game.ui.bindings) presses that action's key as remapped. Bindings as data."""
from __future__ import annotations

import pygame

from game.ui.bindings import Action, Keymap

BUTTON_KEYS = {
    pygame.CONTROLLER_BUTTON_A: pygame.K_RETURN,          # choose / go on
    pygame.CONTROLLER_BUTTON_B: pygame.K_ESCAPE,          # back / pause
    pygame.CONTROLLER_BUTTON_START: pygame.K_ESCAPE,
    pygame.CONTROLLER_BUTTON_X: Action.HISTORY,            # what was said
    pygame.CONTROLLER_BUTTON_Y: Action.NOTES,              # case notes
    pygame.CONTROLLER_BUTTON_BACK: Action.HELP,            # the keys
    pygame.CONTROLLER_BUTTON_DPAD_UP: pygame.K_UP,
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: pygame.K_DOWN,
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: pygame.K_LEFT,
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: pygame.K_RIGHT,
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: Action.ROLL_BACK,
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: Action.ROLL_FORWARD,
}

_open: list = []   # controllers stay open while plugged in


def start() -> None:
    """Listen for controllers (those plugged in now arrive as CONTROLLERDEVICEADDED)."""
    try:
        from pygame._sdl2 import controller

        controller.init()
    except (ImportError, pygame.error):
        pass   # no controller support in this pygame build: keyboard and mouse still work


def as_key(event: pygame.event.Event, keymap: Keymap) -> pygame.event.Event | None:
    """The key event a pad event stands for (None when it stands for none)."""
    if event.type == pygame.CONTROLLERDEVICEADDED:
        try:
            from pygame._sdl2 import controller

            _open.append(controller.Controller(event.device_index))
        except (ImportError, pygame.error):
            pass
        return None
    if event.type == pygame.CONTROLLERBUTTONDOWN and event.button in BUTTON_KEYS:
        key = BUTTON_KEYS[event.button]
        if isinstance(key, Action):
            key = keymap.first_key(key)
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
    return None
