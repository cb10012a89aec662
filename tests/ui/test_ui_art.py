"""Procedural art: every mood is a different face, every location a different scene, and both
are cached so a frame costs nothing."""
from __future__ import annotations

from types import SimpleNamespace

import pygame

from game.ui.art.backgrounds import LOCATIONS, Backgrounds
from game.ui.art.portraits import MOODS, Portraits, draw_portrait, look_for, parse_colour


def person(**appearance):
    return SimpleNamespace(id="p", role="parent", age=None, mood="calm", appearance=appearance)


def test_every_mood_draws_a_different_face(window):
    look = look_for(person(skin=4, hair="afro", clothes="#5b7fa6"))
    faces = {mood: pygame.image.tobytes(draw_portrait(look, mood), "RGBA") for mood in MOODS}
    assert len(set(faces.values())) == len(MOODS)


def test_appearance_fields_change_the_portrait(window):
    base = dict(skin=3, hair="short", hair_colour="brown", clothes="#5b7fa6", accessory="none", build="medium")
    reference = pygame.image.tobytes(draw_portrait(look_for(person(**base)), "calm"), "RGBA")
    for field, value in [("skin", 6), ("hair", "hijab"), ("hair_colour", "grey"), ("clothes", "red"),
                         ("accessory", "glasses"), ("build", "broad")]:
        changed = pygame.image.tobytes(draw_portrait(look_for(person(**{**base, field: value})), "calm"), "RGBA")
        assert changed != reference, field


def test_children_and_babies_are_drawn_differently_from_adults(window):
    adult = pygame.image.tobytes(draw_portrait(look_for(person()), "calm"), "RGBA")
    child = SimpleNamespace(id="c", role="child", age=8, mood="calm", appearance={})
    baby = SimpleNamespace(id="b", role="child", age=0, mood="calm", appearance={})
    drawn = {adult, pygame.image.tobytes(draw_portrait(look_for(child), "calm"), "RGBA"),
             pygame.image.tobytes(draw_portrait(look_for(baby), "calm"), "RGBA")}
    assert len(drawn) == 3


def test_unknown_appearance_values_fall_back_quietly():
    look = look_for(person(skin="dark", clothes="not-a-colour", hair_colour="green"))
    assert look.skin and look.clothes == parse_colour(None)
    assert parse_colour("#A0b1C2") == (160, 177, 194)


def test_portraits_and_backgrounds_are_cached(window):
    portraits, backgrounds = Portraits(), Backgrounds()
    who = person(skin=2)
    assert portraits.get(who, "sad", 300) is portraits.get(who, "sad", 300)
    assert portraits.get(who, "sad", 300).get_height() == 300
    assert backgrounds.get("kitchen", (640, 360)) is backgrounds.get("kitchen", (640, 360))
    scenes = {pygame.image.tobytes(backgrounds.get(place, (320, 180)), "RGB") for place in LOCATIONS}
    assert len(scenes) == len(LOCATIONS)
