"""A decision's review (game.core.debrief.DecisionReview) in plain words, the same in the feedback
card, the debrief screen, its saved web page, the terminal and the voice. No pygame here.

The words come from the core's judgement of the choice (review.strength, .cost, .critical,
.better); nothing is scored or rated again here."""
from __future__ import annotations

from game.core.competencies import COMPETENCIES
from game.core.debrief import Strength

RATINGS = {Strength.STRONG: "A strong choice", Strength.REASONABLE: "A reasonable choice",
           Strength.WEAK: "A weak choice"}


def rating(review) -> str:
    """'A critical fault', 'A strong choice', 'A reasonable choice' or 'A weak choice'."""
    return "A critical fault" if review.critical else RATINGS[review.strength]


def effects(review) -> str:
    """What the choice did to each competency, in words ("It helped child focus (+2) ...")."""
    helped = [f"{label.lower()} (+{review.scores[name]})" for name, label in COMPETENCIES if review.scores.get(name, 0) > 0]
    cost = [f"{label.lower()} ({review.scores[name]})" for name, label in COMPETENCIES if review.scores.get(name, 0) < 0]
    parts = []
    if helped:
        parts.append("It helped " + _and(helped) + ".")
    if cost:
        parts.append("It cost " + _and(cost) + ".")
    return " ".join(parts)


def verdict_line(review) -> str:
    """The rating and why, in one or two sentences."""
    if review.critical:
        return f"A critical fault: {review.critical} An attempt with a critical fault cannot pass, whatever the points."
    if review.strength is Strength.STRONG:
        return "A strong choice: none of the choices offered would have served the child better."
    return (f"{rating(review)}: it gave up {review.cost} point{'s' if review.cost != 1 else ''} "
            "against the strongest choice offered.")


def stronger(review) -> str:
    """"A stronger choice: ..." when there was one, else ""."""
    return f"A stronger choice: {review.better}" if review.cost and review.better else ""


def review_paragraphs(review) -> list[str]:
    """The whole review, in reading order: rating, feedback, effects, the stronger choice."""
    return [p for p in (verdict_line(review), review.feedback, effects(review), stronger(review)) if p]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
