"""A decision's review (game.core.debrief.DecisionReview) in plain words, the same in the feedback
card, the debrief screen, its saved web page, the terminal and the voice. No pygame here.

The words come from the review's own numbers (cost: points given up against the strongest choice
offered; critical: why the choice is a serious fault); nothing is scored again here."""
from __future__ import annotations

from game.core.competencies import COMPETENCIES

REASONABLE_COST = 3   # up to this many points below the strongest choice is still reasonable


def rating(review) -> str:
    """'A serious fault', 'A strong choice', 'A reasonable choice' or 'A weak choice'."""
    if getattr(review, "critical", ""):
        return "A serious fault"
    if not review.cost:
        return "A strong choice"
    return "A reasonable choice" if review.cost <= REASONABLE_COST else "A weak choice"


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
    why = getattr(review, "critical", "")
    if why:
        return f"A serious fault: {why} An attempt with a serious fault cannot pass, whatever the points."
    if not review.cost:
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
