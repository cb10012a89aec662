"""Location backgrounds drawn from flat shapes in one muted palette, one per location, cached
per window size. Kept low in contrast so the dialogue panel and portraits stay the focus."""
from __future__ import annotations

from collections import OrderedDict

import pygame

LOCATIONS = ("doorstep", "living_room", "bedroom", "kitchen", "car", "office", "school", "phone",
             "street")
LOCATION_LABELS = {
    "doorstep": "On the doorstep", "living_room": "Living room", "bedroom": "Bedroom",
    "kitchen": "Kitchen", "car": "In the car",
    "office": "The office", "school": "School", "phone": "On the phone", "street": "In the street",
}

SKY = (150, 170, 186)
WALL = (196, 186, 170)
WALL_DARK = (166, 154, 138)
BRICK = (150, 102, 86)
BRICK_DARK = (128, 86, 72)
WOOD = (124, 94, 72)
WOOD_LIGHT = (164, 130, 100)
FLOOR = (120, 104, 92)
GLASS = (168, 190, 200)
SLATE = (74, 86, 98)
PAPER = (232, 226, 214)
GREEN = (102, 128, 104)
DOOR = (64, 92, 110)
CURTAIN = (140, 110, 120)
INK = (52, 58, 66)


class Backgrounds:
    """Background surfaces by (location, size, dim), drawn once and cached."""

    def __init__(self, limit: int = 12):
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._limit = limit

    def get(self, location: str | None, size: tuple[int, int], dim: int = 0) -> pygame.Surface:
        location = location if location in LOCATIONS else "doorstep"
        key = (location, size, dim)
        surface = self._cache.get(key)
        if surface is None:
            surface = draw_background(location, size)
            if dim:
                shade = pygame.Surface(size, pygame.SRCALPHA)
                shade.fill((0, 0, 0, dim))
                surface.blit(shade, (0, 0))
            self._cache[key] = surface
            if len(self._cache) > self._limit:
                self._cache.popitem(last=False)
        return surface


def draw_background(location: str, size: tuple[int, int]) -> pygame.Surface:
    """Draw the named location filling a surface of `size`."""
    s = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
    _DRAW.get(location, _doorstep)(s, *size)
    return s


def R(w: int, h: int, x: float, y: float, rw: float, rh: float) -> pygame.Rect:
    """A rect given as fractions of the surface size, so every scene scales to any window."""
    return pygame.Rect(round(x * w), round(y * h), round(rw * w), round(rh * h))


def _window(s, w, h, x, y, rw, rh, curtains=False, outside=SKY):
    frame = R(w, h, x, y, rw, rh)
    pygame.draw.rect(s, (236, 232, 224), frame.inflate(12, 12))
    pygame.draw.rect(s, outside, frame)
    pygame.draw.line(s, (236, 232, 224), frame.midtop, frame.midbottom, 6)
    pygame.draw.line(s, (236, 232, 224), frame.midleft, frame.midright, 6)
    if curtains:
        half = frame.width // 2
        pygame.draw.rect(s, CURTAIN, (frame.x, frame.y, half, frame.height))
        pygame.draw.rect(s, (124, 96, 106), (frame.x + half, frame.y, frame.width - half, frame.height))


def _doorstep(s, w, h):
    s.fill(BRICK)
    row = max(8, h // 24)
    for i, y in enumerate(range(0, h, row)):
        pygame.draw.line(s, BRICK_DARK, (0, y), (w, y), 2)
        off = (i % 2) * row
        for x in range(-off, w, row * 2):
            pygame.draw.line(s, BRICK_DARK, (x, y), (x, y + row), 2)
    door = R(w, h, 0.56, 0.16, 0.2, 0.72)
    pygame.draw.rect(s, (230, 226, 218), door.inflate(24, 24).move(0, -12))
    pygame.draw.rect(s, DOOR, door)
    for panel in (R(w, h, 0.58, 0.22, 0.07, 0.2), R(w, h, 0.67, 0.22, 0.07, 0.2), R(w, h, 0.58, 0.5, 0.07, 0.3), R(w, h, 0.67, 0.5, 0.07, 0.3)):
        pygame.draw.rect(s, (56, 80, 98), panel, 3)
    pygame.draw.rect(s, (200, 170, 90), R(w, h, 0.62, 0.45, 0.04, 0.012))   # letterbox
    pygame.draw.circle(s, (200, 170, 90), R(w, h, 0.735, 0.52, 0, 0).topleft, max(3, w // 180))
    pygame.draw.rect(s, (236, 232, 224), R(w, h, 0.62, 0.1, 0.08, 0.04))
    _window(s, w, h, 0.12, 0.18, 0.3, 0.32, curtains=True)
    pygame.draw.rect(s, (170, 168, 160), R(w, h, 0.5, 0.88, 0.32, 0.05))
    pygame.draw.rect(s, (140, 140, 134), R(w, h, 0.0, 0.93, 1, 0.07))
    pygame.draw.rect(s, (62, 70, 62), R(w, h, 0.08, 0.72, 0.08, 0.2), border_radius=6)   # wheelie bin
    pygame.draw.rect(s, (52, 60, 52), R(w, h, 0.075, 0.7, 0.09, 0.03), border_radius=4)


def _living_room(s, w, h):
    s.fill(WALL)
    pygame.draw.rect(s, FLOOR, R(w, h, 0, 0.78, 1, 0.22))
    pygame.draw.rect(s, WALL_DARK, R(w, h, 0, 0.76, 1, 0.02))
    _window(s, w, h, 0.08, 0.14, 0.24, 0.34, curtains=False)
    pygame.draw.rect(s, CURTAIN, R(w, h, 0.05, 0.1, 0.04, 0.44))
    pygame.draw.rect(s, CURTAIN, R(w, h, 0.31, 0.1, 0.04, 0.44))
    sofa = R(w, h, 0.44, 0.5, 0.4, 0.3)
    pygame.draw.rect(s, (108, 120, 140), sofa, border_radius=18)
    pygame.draw.rect(s, (92, 104, 124), R(w, h, 0.44, 0.42, 0.4, 0.16), border_radius=18)
    pygame.draw.rect(s, (126, 138, 158), R(w, h, 0.47, 0.56, 0.16, 0.1), border_radius=10)
    pygame.draw.rect(s, (126, 138, 158), R(w, h, 0.65, 0.56, 0.16, 0.1), border_radius=10)
    pygame.draw.rect(s, (30, 32, 36), R(w, h, 0.06, 0.58, 0.22, 0.14))   # television
    pygame.draw.rect(s, WOOD, R(w, h, 0.05, 0.72, 0.24, 0.06))
    pygame.draw.rect(s, PAPER, R(w, h, 0.6, 0.14, 0.1, 0.14))            # a picture
    pygame.draw.rect(s, GREEN, R(w, h, 0.61, 0.16, 0.08, 0.1))
    pygame.draw.line(s, INK, R(w, h, 0.9, 0.3, 0, 0).topleft, R(w, h, 0.9, 0.76, 0, 0).topleft, 4)   # lamp
    pygame.draw.polygon(s, (226, 206, 160), [R(w, h, 0.86, 0.3, 0, 0).topleft, R(w, h, 0.94, 0.3, 0, 0).topleft,
                                             R(w, h, 0.92, 0.2, 0, 0).topleft, R(w, h, 0.88, 0.2, 0, 0).topleft])
    pygame.draw.rect(s, (180, 150, 110), R(w, h, 0.1, 0.86, 0.08, 0.04), border_radius=4)  # toy


def _bedroom(s, w, h):
    s.fill((190, 184, 196))
    pygame.draw.rect(s, FLOOR, R(w, h, 0, 0.8, 1, 0.2))
    pygame.draw.rect(s, WALL_DARK, R(w, h, 0, 0.78, 1, 0.02))
    _window(s, w, h, 0.62, 0.14, 0.22, 0.3, curtains=True)
    pygame.draw.rect(s, WOOD, R(w, h, 0.06, 0.5, 0.46, 0.08))                           # bed frame
    pygame.draw.rect(s, (150, 170, 196), R(w, h, 0.06, 0.56, 0.46, 0.18), border_radius=8)  # duvet
    pygame.draw.rect(s, PAPER, R(w, h, 0.08, 0.5, 0.12, 0.08), border_radius=6)          # pillow
    pygame.draw.rect(s, WOOD, R(w, h, 0.06, 0.74, 0.03, 0.06))
    pygame.draw.rect(s, WOOD, R(w, h, 0.49, 0.74, 0.03, 0.06))
    pygame.draw.rect(s, WOOD_LIGHT, R(w, h, 0.58, 0.6, 0.14, 0.2))                        # drawers
    pygame.draw.rect(s, PAPER, R(w, h, 0.3, 0.16, 0.12, 0.16))                            # a drawing
    pygame.draw.circle(s, (200, 150, 120), R(w, h, 0.36, 0.24, 0, 0).topleft, max(3, w // 90))
    pygame.draw.rect(s, (180, 150, 110), R(w, h, 0.8, 0.86, 0.08, 0.04), border_radius=4)  # toy


def _kitchen(s, w, h):
    s.fill((206, 200, 184))
    for x in range(0, w, max(10, w // 40)):
        pygame.draw.line(s, (194, 188, 172), (x, round(0.42 * h)), (x, round(0.6 * h)), 1)
    pygame.draw.rect(s, (120, 134, 126), R(w, h, 0, 0.08, 1, 0.24))   # wall cupboards
    for i in range(6):
        pygame.draw.rect(s, (104, 118, 110), R(w, h, 0.02 + i * 0.165, 0.1, 0.15, 0.2), 3)
    _window(s, w, h, 0.38, 0.34, 0.24, 0.22)
    pygame.draw.rect(s, (150, 140, 120), R(w, h, 0, 0.6, 1, 0.04))      # worktop
    pygame.draw.rect(s, (120, 134, 126), R(w, h, 0, 0.64, 1, 0.36))
    for i in range(6):
        pygame.draw.rect(s, (104, 118, 110), R(w, h, 0.02 + i * 0.165, 0.67, 0.15, 0.3), 3)
    pygame.draw.rect(s, (200, 200, 204), R(w, h, 0.12, 0.52, 0.05, 0.08), border_radius=6)  # kettle
    for i in range(4):
        pygame.draw.rect(s, (230, 228, 220), R(w, h, 0.7 + i * 0.03, 0.55, 0.025, 0.05))   # dishes
    pygame.draw.rect(s, (90, 90, 92), R(w, h, 0.82, 0.54, 0.12, 0.06))


def _car(s, w, h):
    s.fill((84, 104, 120))
    pygame.draw.rect(s, (120, 140, 150), R(w, h, 0, 0.3, 1, 0.3))   # the street through the windscreen
    for i in range(5):
        pygame.draw.rect(s, (150, 120, 104), R(w, h, 0.05 + i * 0.2, 0.22, 0.14, 0.2))
        pygame.draw.rect(s, GLASS, R(w, h, 0.08 + i * 0.2, 0.26, 0.04, 0.05))
    pygame.draw.rect(s, (96, 98, 100), R(w, h, 0, 0.42, 1, 0.18))
    pygame.draw.polygon(s, (40, 44, 50), [(0, 0), (w, 0), (w, round(0.12 * h)), (0, round(0.16 * h))])
    pygame.draw.polygon(s, (40, 44, 50), [(0, round(0.55 * h)), (w, round(0.5 * h)), (w, h), (0, h)])   # dashboard
    pygame.draw.circle(s, (28, 30, 34), R(w, h, 0.3, 0.82, 0, 0).topleft, round(0.2 * h), round(0.03 * h))   # wheel
    pygame.draw.rect(s, (60, 66, 74), R(w, h, 0.52, 0.6, 0.14, 0.1), border_radius=6)
    pygame.draw.rect(s, (40, 44, 50), R(w, h, 0.0, 0.0, 0.05, 0.6))
    pygame.draw.rect(s, (40, 44, 50), R(w, h, 0.95, 0.0, 0.05, 0.6))


def _office(s, w, h):
    s.fill((204, 208, 206))
    _window(s, w, h, 0.06, 0.12, 0.3, 0.4, outside=(140, 160, 178))
    for i in range(9):
        y = 0.12 + i * 0.044
        pygame.draw.line(s, (214, 214, 206), R(w, h, 0.06, y, 0, 0).topleft, R(w, h, 0.36, y, 0, 0).topleft, 3)   # blinds
    for i in range(3):
        pygame.draw.rect(s, (150, 140, 124), R(w, h, 0.56, 0.14 + i * 0.14, 0.36, 0.02))
        for j in range(7):
            pygame.draw.rect(s, ((90, 110, 140), (150, 80, 70), (100, 130, 100), (200, 170, 90))[(i + j) % 4],
                             R(w, h, 0.57 + j * 0.045, 0.06 + i * 0.14, 0.03, 0.08))
    pygame.draw.rect(s, (150, 150, 150), R(w, h, 0, 0.8, 1, 0.2))
    pygame.draw.rect(s, WOOD_LIGHT, R(w, h, 0.1, 0.62, 0.8, 0.05))      # desk
    pygame.draw.rect(s, WOOD, R(w, h, 0.12, 0.67, 0.04, 0.2))
    pygame.draw.rect(s, WOOD, R(w, h, 0.84, 0.67, 0.04, 0.2))
    pygame.draw.rect(s, (44, 48, 54), R(w, h, 0.42, 0.38, 0.2, 0.2), border_radius=6)   # monitor
    pygame.draw.rect(s, (110, 140, 160), R(w, h, 0.43, 0.4, 0.18, 0.16))
    pygame.draw.rect(s, (44, 48, 54), R(w, h, 0.51, 0.58, 0.02, 0.04))
    pygame.draw.rect(s, PAPER, R(w, h, 0.68, 0.58, 0.08, 0.04))


def _school(s, w, h):
    s.fill((214, 206, 180))
    pygame.draw.rect(s, (170, 186, 196), R(w, h, 0, 0.55, 1, 0.45))
    pygame.draw.rect(s, (236, 236, 232), R(w, h, 0.3, 0.1, 0.4, 0.3))   # whiteboard
    pygame.draw.rect(s, (150, 150, 150), R(w, h, 0.3, 0.1, 0.4, 0.3), 4)
    for i, colour in enumerate(((200, 90, 80), (90, 140, 200), (110, 170, 110), (230, 190, 80))):
        pygame.draw.rect(s, colour, R(w, h, 0.04 + i * 0.05, 0.12, 0.04, 0.06))   # pictures on the wall
        pygame.draw.rect(s, colour, R(w, h, 0.76 + i * 0.05, 0.14, 0.04, 0.06))
    for i in range(8):
        x = 0.06 + i * 0.115
        pygame.draw.line(s, INK, R(w, h, x, 0.46, 0, 0).topleft, R(w, h, x, 0.5, 0, 0).topleft, 4)   # coat pegs
        pygame.draw.ellipse(s, ((120, 80, 90), (80, 100, 140), (140, 120, 70))[i % 3], R(w, h, x - 0.03, 0.49, 0.06, 0.12))
    pygame.draw.rect(s, WOOD_LIGHT, R(w, h, 0.0, 0.8, 1, 0.2))


def _phone(s, w, h):
    s.fill((58, 66, 84))
    _window(s, w, h, 0.64, 0.1, 0.26, 0.36, outside=(34, 40, 60))
    for x, y in ((0.69, 0.16), (0.8, 0.2), (0.74, 0.3), (0.86, 0.14)):
        pygame.draw.circle(s, (230, 220, 160), R(w, h, x, y, 0, 0).topleft, max(2, w // 300))
    pygame.draw.rect(s, (86, 76, 68), R(w, h, 0, 0.7, 1, 0.3))
    lamp = R(w, h, 0.14, 0.38, 0.2, 0.32)
    pygame.draw.circle(s, (84, 88, 98), lamp.midbottom, round(0.3 * h))   # pool of lamplight
    pygame.draw.rect(s, (34, 36, 40), R(w, h, 0.4, 0.62, 0.1, 0.16), border_radius=10)   # a phone on the desk
    pygame.draw.rect(s, (120, 160, 180), R(w, h, 0.41, 0.635, 0.08, 0.12), border_radius=6)
    pygame.draw.rect(s, PAPER, R(w, h, 0.56, 0.66, 0.12, 0.06))


def _street(s, w, h):
    s.fill(SKY)
    for i in range(6):
        x = -0.02 + i * 0.18
        pygame.draw.rect(s, (BRICK, (170, 150, 130), (140, 110, 96))[i % 3], R(w, h, x, 0.2, 0.17, 0.5))
        pygame.draw.polygon(s, SLATE, [R(w, h, x, 0.2, 0, 0).topleft, R(w, h, x + 0.085, 0.1, 0, 0).topleft,
                                       R(w, h, x + 0.17, 0.2, 0, 0).topleft])
        pygame.draw.rect(s, GLASS, R(w, h, x + 0.02, 0.28, 0.05, 0.08))
        pygame.draw.rect(s, GLASS, R(w, h, x + 0.1, 0.28, 0.05, 0.08))
        pygame.draw.rect(s, DOOR, R(w, h, x + 0.06, 0.5, 0.05, 0.2))
    pygame.draw.rect(s, (160, 158, 150), R(w, h, 0, 0.7, 1, 0.08))
    pygame.draw.rect(s, (90, 92, 96), R(w, h, 0, 0.78, 1, 0.22))
    for x in range(0, w, max(40, w // 8)):
        pygame.draw.rect(s, (220, 220, 210), (x, round(0.88 * h), max(20, w // 20), max(3, h // 120)))
    for x in (0.2, 0.75):
        pygame.draw.line(s, INK, R(w, h, x, 0.72, 0, 0).topleft, R(w, h, x, 0.3, 0, 0).topleft, 5)
        pygame.draw.circle(s, (230, 220, 170), R(w, h, x, 0.3, 0, 0).topleft, max(4, w // 120))


_DRAW = {
    "doorstep": _doorstep, "living_room": _living_room, "bedroom": _bedroom, "kitchen": _kitchen,
    "car": _car, "office": _office, "school": _school, "phone": _phone, "street": _street,
}
