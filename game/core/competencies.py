"""The six competencies a learner is scored on, in the order reports show them.

Names are the schema's `competency` enum; labels are what learners and managers read.
"""
from __future__ import annotations

from .schema import enum

LABELS = {
    "child_focus": "Child focus",
    "escalation": "Escalating correctly",
    "avoiding_collusion": "Avoiding collusion",
    "personal_safety": "Personal safety",
    "engagement": "Engagement",
    "recording": "Recording and sharing",
}
COMPETENCIES: tuple[tuple[str, str], ...] = tuple((name, LABELS[name]) for name in enum("competency"))
NAMES: tuple[str, ...] = tuple(name for name, _ in COMPETENCIES)
