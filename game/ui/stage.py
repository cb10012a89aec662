"""Who is on stage and what has been said: the dialogue screen's memory of the scene, fed only
by the core's views (game.core.play events). No pygame here.

`Stage.see(view)` after every view keeps up to two people who have spoken at the current
location, and who (if anyone) is speaking now: narration has no speaker, so nobody is
highlighted and no name labels it; a new place starts with an empty stage. At an ending the
child is shown, whoever spoke last.

`transcript(scenario, state)` replays a saved play through a fresh core `Play`, so Continue
shows the whole history and the same people on stage as before the learner left."""
from __future__ import annotations

from game.core.model import NodeKind
from game.core.play import (Advance, BeatShown, Choose, DecisionShown, Finished, Phase, Play,
                            Stopped)

YOU = "You"


class Stage:
    def __init__(self, scenario):
        self.scenario = scenario
        self.location: str | None = None
        self.cast: list = []            # up to two Characters, each keeping their side
        self.speaking = None            # the Character speaking now, or None (narration, decisions)
        self.last_speaker_id: str | None = None
        self.lines: list[tuple[str, str]] = []   # (who, what) for the history panel

    def see(self, view) -> None:
        """Take in the view the play now rests on."""
        if view.kind == NodeKind.ENDING:
            child = next((c for c in self.scenario.characters.values() if c.role == "child"), None)
            self.cast, self.speaking = ([child] if child else []), child
        else:
            if view.location != self.location:
                self.cast = []          # a new place: only those who speak here appear
            self.speaking = view.speaker
            if view.speaker is not None:
                self._join(view.speaker)
        self.location = view.location
        said = spoken_line(view)
        if said:
            self.lines.append((view.speaker.name if view.speaker is not None else "", said))

    def on_stage(self) -> tuple:
        """Who is on stage now, to be put back by `restore` when the learner looks back."""
        return self.location, tuple(self.cast), self.speaking, self.last_speaker_id

    def restore(self, on_stage: tuple) -> None:
        location, cast, self.speaking, self.last_speaker_id = on_stage
        self.location, self.cast = location, list(cast)

    def chose(self, text: str) -> None:
        self.lines.append((YOU, text))

    def note(self, text: str) -> None:
        self.lines.append(("", text))

    def _join(self, person) -> None:
        """A newcomer takes the side of whoever spoke less recently."""
        if any(c.id == person.id for c in self.cast):
            self.cast = [person if c.id == person.id else c for c in self.cast]
        elif len(self.cast) < 2:
            self.cast.append(person)
        else:
            quieter = next(i for i, c in enumerate(self.cast) if c.id != self.last_speaker_id)
            self.cast[quieter] = person
        self.last_speaker_id = person.id


def spoken_line(view) -> str:
    """The words a view puts on screen: the line, the decision's prompt, or the ending."""
    if view.kind == NodeKind.ENDING and view.ending is not None:
        return f"{view.ending.title}. {view.ending.text}"
    if view.kind == NodeKind.DECISION:
        return view.prompt or view.text or ""
    return view.text


def transcript(scenario, state, limit: int = 100_000, trail: list | None = None) -> Stage:
    """A Stage that has seen every view of the saved `state`'s play, in order, replayed from its
    start through the core with the same choice numbers. Stops at `limit` steps (a guard: a
    save always leads back to its own node long before). `trail`, when given, receives each
    resting point before the saved one as (state, view, who was on stage), for rollback."""
    stage = Stage(scenario)
    play = Play.begin(scenario, mode=state.mode, at_node=state.origin or None,
                      variables=dict(state.origin_variables) or None)
    events = play.current()
    taken = 0
    for _ in range(limit):
        event = events[-1]
        if isinstance(event, (Stopped, Finished)) or play.phase is Phase.WITHDRAWN:
            break
        stage.see(event.view)
        if taken == len(state.history) and play.state.node == state.node:
            break
        if trail is not None:
            trail.append((play.state, event.view, stage.on_stage()))
        if isinstance(event, BeatShown):
            events = play.send(Advance())
        elif isinstance(event, DecisionShown) and taken < len(state.history):
            step = state.history[taken]
            stage.chose(event.view.choice_texts[step.number - 1])
            events = play.send(Choose(number=step.number, at=step.at))
            taken += 1
        else:
            break
    return stage
