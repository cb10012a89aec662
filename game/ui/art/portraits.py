"""Stylised character portraits built from a character's `appearance`, one face per mood.

Drawn once at a fixed design size with flat shapes from one cohesive palette, then scaled and
cached, so a portrait costs nothing per frame.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import pygame

MOODS = ("calm", "anxious", "hostile", "evasive", "warm", "frightened", "sad")
MOOD_LABELS = {
    "calm": "calm", "anxious": "anxious", "hostile": "hostile", "evasive": "evasive",
    "warm": "warm", "frightened": "frightened", "sad": "sad",
}

# Six skin tones, lightest to darkest, chosen as an even, warm ramp.
SKIN = ((246, 214, 189), (232, 185, 150), (205, 150, 110), (168, 112, 76), (124, 80, 52), (86, 54, 36))
HAIR = {
    "black": (34, 30, 32), "brown": (92, 60, 38), "blonde": (214, 178, 104),
    "red": (168, 72, 40), "grey": (168, 168, 170), "auburn": (124, 52, 34),
}
NAMED_COLOURS = {
    "red": (176, 64, 60), "blue": (70, 110, 160), "navy": (40, 56, 96), "green": (70, 128, 92),
    "yellow": (220, 180, 70), "orange": (214, 120, 60), "purple": (110, 80, 140), "pink": (214, 130, 150),
    "grey": (130, 134, 140), "gray": (130, 134, 140), "black": (44, 44, 48), "white": (236, 236, 232),
    "brown": (120, 84, 56), "teal": (40, 120, 124), "maroon": (120, 40, 52), "beige": (210, 190, 160),
}
DESIGN = (240, 300)
BACKDROP = (222, 214, 200)


@dataclass(frozen=True)
class Look:
    """A character's appearance with every field resolved to a drawable value."""

    skin: tuple[int, int, int]
    hair: str
    hair_colour: tuple[int, int, int]
    clothes: tuple[int, int, int]
    accessory: str
    build: str
    child_age: int | None


def parse_colour(value, default=(92, 118, 150)) -> tuple[int, int, int]:
    """A `#rrggbb` string or a colour name as RGB; anything else gives `default`."""
    if isinstance(value, str):
        v = value.strip().lower()
        if v.startswith("#") and len(v) == 7:
            try:
                return tuple(int(v[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
            except ValueError:
                return default
        return NAMED_COLOURS.get(v, default)
    return default


def look_for(character) -> Look:
    """Resolve a Character's `appearance` (all fields optional) to a Look."""
    a = dict(getattr(character, "appearance", None) or {})
    try:
        skin = SKIN[min(6, max(1, int(a.get("skin", 3)))) - 1]
    except (TypeError, ValueError):
        skin = SKIN[2]
    role = getattr(character, "role", "")
    age = getattr(character, "age", None)
    child_age = age if role == "child" and isinstance(age, int) else None
    baby = child_age is not None and child_age <= 1
    return Look(
        skin=skin,
        hair=str(a.get("hair", "tuft" if baby else "short")),
        hair_colour=HAIR.get(str(a.get("hair_colour", "brown")), HAIR["brown"]),
        clothes=parse_colour(a.get("clothes"), default=(236, 214, 150) if baby else (92, 118, 150)),
        accessory=str(a.get("accessory", "none")),
        build=str(a.get("build", "medium")),
        child_age=child_age,
    )


def _shade(c, f: float):
    return tuple(max(0, min(255, round(v * f))) for v in c)


class Portraits:
    """Portrait surfaces by (character, mood, size), drawn once and cached."""

    def __init__(self, limit: int = 64):
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._limit = limit

    def get(self, character, mood: str | None, height: int) -> pygame.Surface:
        mood = mood if mood in MOODS else "calm"
        look = look_for(character)
        key = (look, mood, height)
        surface = self._cache.get(key)
        if surface is None:
            art = draw_portrait(look, mood)
            while art.get_height() < height:
                art = pygame.transform.scale2x(art)   # smooths the flat shapes' edges before a big upscale
            width = round(height * DESIGN[0] / DESIGN[1])
            surface = pygame.transform.smoothscale(art, (width, height))
            self._cache[key] = surface
            if len(self._cache) > self._limit:
                self._cache.popitem(last=False)
        return surface


def draw_portrait(look: Look, mood: str) -> pygame.Surface:
    """Draw one portrait at the design size (240x300) on a soft rounded backdrop."""
    w, h = DESIGN
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(s, BACKDROP, s.get_rect(), border_radius=24)
    pygame.draw.circle(s, _shade(BACKDROP, 1.05), (w // 2, h // 2 - 10), 110)

    child = look.child_age is not None
    scale = 0.78 if child else 1.0
    if child and look.child_age is not None and look.child_age <= 1:
        scale = 0.9   # a baby: a big round head above the blanket
    cx = w // 2
    head_w, head_h = round(92 * scale), round(112 * scale)
    head_cy = round(h * (0.46 if not child else 0.52))
    if mood == "evasive":
        cx -= 6  # a slight turn away

    head = pygame.Rect(0, 0, head_w, head_h)
    head.center = (cx, head_cy)
    _hair_back(s, look, head, scale)  # behind the shoulders, so long hair falls behind the body

    if look.child_age is not None and look.child_age <= 1:
        # A baby: swaddled in a blanket, no neck or collar.
        blanket = pygame.Rect(0, 0, round(head_w * 2.0), round(head_h * 1.4))
        blanket.midtop = (cx, head_cy + round(head_h * 0.3))
        pygame.draw.ellipse(s, look.clothes, blanket)
        pygame.draw.arc(s, _shade(look.clothes, 0.85), blanket.inflate(-20, -20), 0.3, 2.8, 4)
        _ears_and_head(s, look, head, scale)
        _hair_front(s, look, head, scale)
        _face(s, look, mood, head, scale)
        return s

    # Body: shoulders widen with build.
    shoulder = {"slight": 74, "medium": 90, "broad": 108}.get(look.build, 90) * scale
    body = pygame.Rect(0, 0, round(shoulder * 2), round(150 * scale))
    body.midtop = (w // 2, head_cy + round(head_h * 0.42))
    pygame.draw.ellipse(s, look.clothes, body.inflate(0, 80).move(0, 40))
    neck = pygame.Rect(0, 0, round(34 * scale), round(40 * scale))
    neck.midtop = (cx, head_cy + round(head_h * 0.3))
    pygame.draw.rect(s, _shade(look.skin, 0.9), neck)
    pygame.draw.ellipse(s, _shade(look.clothes, 0.8), pygame.Rect(0, 0, round(60 * scale), round(26 * scale)).move(
        cx - round(30 * scale), body.top + round(16 * scale)), 0)
    pygame.draw.polygon(s, _shade(look.skin, 0.9), [
        (cx - round(18 * scale), body.top + round(14 * scale)),
        (cx + round(18 * scale), body.top + round(14 * scale)),
        (cx, body.top + round(36 * scale))])

    _ears_and_head(s, look, head, scale)
    _hair_front(s, look, head, scale)
    _face(s, look, mood, head, scale)
    _accessory(s, look, head, scale)
    return s


def _ears_and_head(s, look: Look, head: pygame.Rect, scale: float) -> None:
    for ex in (head.left + 2, head.right - 2):
        pygame.draw.ellipse(s, _shade(look.skin, 0.95), pygame.Rect(ex - 9 * scale, head.centery - 8 * scale, 18 * scale, 26 * scale))
    pygame.draw.ellipse(s, look.skin, head)


def _hair_back(s, look: Look, head: pygame.Rect, scale: float) -> None:
    c = look.hair_colour
    style = look.hair
    if style in ("long", "braids", "locs"):
        back = pygame.Rect(0, 0, head.width + 30 * scale, head.height + 90 * scale)
        back.midtop = (head.centerx, head.top - 8 * scale)
        pygame.draw.rect(s, c, back, border_radius=round(40 * scale))
        if style in ("braids", "locs"):
            for i in range(7):
                x = back.left + 8 + i * (back.width - 16) / 6
                pygame.draw.line(s, _shade(c, 0.7), (x, back.top + 40 * scale), (x, back.bottom - 6), 3)
    elif style == "afro":
        pygame.draw.circle(s, c, (head.centerx, head.top + round(36 * scale)), round(head.width * 0.82))
    elif style == "curly":
        for i in range(9):
            a = math.pi * (0.9 + i * 0.15)
            pygame.draw.circle(s, c, (head.centerx + math.cos(a) * head.width * 0.52,
                                      head.centery - 10 * scale + math.sin(a) * head.height * 0.55), round(20 * scale))
    elif style == "ponytail":
        tail = pygame.Rect(0, 0, 30 * scale, 80 * scale)
        tail.midtop = (head.right - 6 * scale, head.top + 24 * scale)
        pygame.draw.ellipse(s, c, tail)
    elif style == "bun":
        pygame.draw.circle(s, c, (head.centerx, head.top - 8 * scale), round(24 * scale))
    elif style in ("hijab",):
        wrap = pygame.Rect(0, 0, head.width + 40 * scale, head.height + 70 * scale)
        wrap.midtop = (head.centerx, head.top - 16 * scale)
        pygame.draw.ellipse(s, _scarf(look), wrap)
    if look.accessory == "headscarf" and style != "hijab":
        wrap = pygame.Rect(0, 0, head.width + 26 * scale, head.height * 0.8)
        wrap.midtop = (head.centerx, head.top - 12 * scale)
        pygame.draw.ellipse(s, _scarf(look), wrap)


def _scarf(look: Look):
    return _shade(look.clothes, 0.75) if sum(look.clothes) > 200 else (120, 90, 130)


def _hair_front(s, look: Look, head: pygame.Rect, scale: float) -> None:
    c = look.hair_colour
    style = look.hair
    if style == "bald":
        return
    if style == "tuft":   # a baby's first curl
        pygame.draw.arc(s, c, pygame.Rect(head.centerx - 8 * scale, head.top - 6 * scale, 16 * scale, 18 * scale), 0, 3.6, max(2, round(3 * scale)))
        return
    if style == "hijab":
        # Frame the face: the scarf covers the hair and the sides of the head.
        band = pygame.Rect(0, 0, head.width + 18 * scale, head.height * 0.62)
        band.midtop = (head.centerx, head.top - 12 * scale)
        pygame.draw.ellipse(s, _scarf(look), band)
        face = pygame.Rect(0, 0, head.width * 0.78, head.height * 0.74)
        face.midtop = (head.centerx, head.top + head.height * 0.2)
        pygame.draw.ellipse(s, look.skin, face.inflate(0, 0).clip(face))
        return
    cap = pygame.Rect(0, 0, head.width + 8 * scale, head.height * 0.6)
    cap.midtop = (head.centerx, head.top - 8 * scale)
    if style == "afro":
        cap.inflate_ip(12 * scale, 8 * scale)
    pygame.draw.ellipse(s, c, cap)
    # Forehead: cut the cap back to a hairline.
    forehead = pygame.Rect(0, 0, head.width * 0.8, head.height * 0.48)
    forehead.midtop = (head.centerx + (6 * scale if style in ("short", "ponytail") else 0), head.top + head.height * 0.2)
    pygame.draw.ellipse(s, look.skin, forehead)
    lower = pygame.Rect(0, 0, head.width, head.height * 0.55)
    lower.midbottom = head.midbottom
    pygame.draw.ellipse(s, look.skin, lower)
    if style in ("long", "braids", "locs"):
        for side in (-1, 1):
            strand = pygame.Rect(0, 0, 18 * scale, head.height * 0.9)
            strand.midtop = (head.centerx + side * (head.width // 2 - 4 * scale), head.top + 14 * scale)
            pygame.draw.ellipse(s, c, strand)


def _accessory(s, look: Look, head: pygame.Rect, scale: float) -> None:
    a = look.accessory
    eye_y = head.top + head.height * 0.5
    if a == "glasses":
        for side in (-1, 1):
            r = pygame.Rect(0, 0, 30 * scale, 22 * scale)
            r.center = (head.centerx + side * 20 * scale, eye_y)
            pygame.draw.rect(s, (40, 40, 48), r, 3, border_radius=6)
        pygame.draw.line(s, (40, 40, 48), (head.centerx - 5 * scale, eye_y), (head.centerx + 5 * scale, eye_y), 3)
    elif a == "beard":
        beard = pygame.Rect(0, 0, head.width * 0.86, head.height * 0.46)
        beard.midbottom = (head.centerx, head.bottom + 6 * scale)
        pygame.draw.ellipse(s, _shade(look.hair_colour, 0.95), beard)
        mouth_gap = pygame.Rect(0, 0, 30 * scale, 10 * scale)
        mouth_gap.center = (head.centerx, head.top + head.height * 0.76)
        pygame.draw.ellipse(s, look.skin, mouth_gap)
        pygame.draw.line(s, (70, 40, 40), mouth_gap.midleft, mouth_gap.midright, 3)
    elif a == "earrings":
        for ex in (head.left + 2, head.right - 2):
            pygame.draw.circle(s, (226, 190, 90), (ex, head.centery + 16 * scale), round(5 * scale))
    elif a == "cap":
        crown = pygame.Rect(0, 0, head.width + 10 * scale, head.height * 0.5)
        crown.midtop = (head.centerx, head.top - 10 * scale)
        pygame.draw.ellipse(s, _shade(look.clothes, 0.7), crown)
        brim = pygame.Rect(0, 0, head.width * 0.9, 14 * scale)
        brim.midleft = (head.centerx - 4 * scale, crown.centery + 8 * scale)
        pygame.draw.ellipse(s, _shade(look.clothes, 0.55), brim)


def _face(s, look: Look, mood: str, head: pygame.Rect, scale: float) -> None:
    ink = (46, 36, 36)
    eye_y = head.top + head.height * 0.5
    spread = 20 * scale
    eye_r = 5.5 * scale * (1.25 if look.child_age is not None else 1)
    look_x = {"evasive": -4 * scale, "sad": 0, "frightened": 0}.get(mood, 0)
    look_y = {"sad": 3 * scale}.get(mood, 0)
    for side in (-1, 1):
        ex = head.centerx + side * spread
        if mood == "hostile":
            pygame.draw.ellipse(s, (250, 248, 244), pygame.Rect(ex - 8 * scale, eye_y - 3 * scale, 16 * scale, 7 * scale))
            pygame.draw.circle(s, ink, (ex + look_x, eye_y + 0.5 * scale), eye_r * 0.7)
        elif mood == "frightened":
            pygame.draw.circle(s, (250, 248, 244), (ex, eye_y), eye_r * 1.7)
            pygame.draw.circle(s, ink, (ex, eye_y), eye_r * 0.7)
        else:
            pygame.draw.circle(s, (250, 248, 244), (ex, eye_y), eye_r * 1.35)
            pygame.draw.circle(s, ink, (ex + look_x, eye_y + look_y), eye_r)
        # Brows carry most of the mood: (inner lift, outer lift) in pixels.
        inner, outer = {
            "calm": (0, 0), "warm": (-2, -2), "anxious": (-7, 0), "hostile": (7, -3),
            "evasive": (1, 1), "frightened": (-10, -5), "sad": (-8, 3),
        }[mood]
        by = eye_y - 15 * scale
        x_in, x_out = ex - side * 4 * scale, ex + side * 12 * scale
        pygame.draw.line(s, _shade(look.hair_colour, 0.8) if look.hair != "bald" else ink,
                         (x_in, by + inner * scale), (x_out, by + outer * scale), max(2, round(4 * scale)))
    # Nose
    nose_y = head.top + head.height * 0.64
    pygame.draw.line(s, _shade(look.skin, 0.78), (head.centerx, eye_y + 6 * scale), (head.centerx - 3 * scale, nose_y), 3)
    # Mouth
    my = head.top + head.height * 0.78
    mw = 24 * scale
    lip = (140, 66, 64) if sum(look.skin) > 360 else (70, 30, 30)
    width = max(2, round(3 * scale))
    mx = head.centerx + (-5 * scale if mood == "evasive" else 0)
    if mood == "warm":
        pygame.draw.arc(s, lip, pygame.Rect(mx - mw / 2, my - 12 * scale, mw, 18 * scale), math.pi * 1.1, math.pi * 1.9, width)
    elif mood == "calm":
        pygame.draw.arc(s, lip, pygame.Rect(mx - mw / 2, my - 8 * scale, mw, 12 * scale), math.pi * 1.15, math.pi * 1.85, width)
    elif mood in ("sad", "hostile"):
        pygame.draw.arc(s, lip, pygame.Rect(mx - mw / 2, my, mw, 14 * scale), math.pi * 0.15, math.pi * 0.85, width)
    elif mood == "frightened":
        pygame.draw.ellipse(s, lip, pygame.Rect(mx - 6 * scale, my - 4 * scale, 12 * scale, 14 * scale))
    elif mood == "anxious":
        points = [(mx - mw / 2 + i * mw / 4, my + (2 * scale if i % 2 else -1 * scale)) for i in range(5)]
        pygame.draw.lines(s, lip, False, points, width)
    else:  # evasive: a flat, sideways line
        pygame.draw.line(s, lip, (mx - mw / 2.4, my + 1 * scale), (mx + mw / 2.4, my - 1 * scale), width)
