"""Where each screen's result leads. The only module that knows every screen: screens return
results (game.ui.results) and never import one another, so there is no import cycle among them."""
from __future__ import annotations

from game.ui.results import (Begin, Go, Leave, OpenBriefing, Pause, PlayAgain, ResumeSave, ShowBriefing,
                             ShowDebrief, StartAttempt)
from game.ui.screens import dialogue
from game.ui.screens.about import AboutScreen, HelpScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.join import JoinScreen
from game.ui.screens.library import LibraryScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.settings_screen import SettingsScreen
from game.ui.screens.title import TitleScreen

QUIT_QUESTION = "Quit Doorstep?"


def first_screen(app) -> TitleScreen:
    return TitleScreen(app)


def navigate(app, screen, result) -> None:
    """Act on `result`, returned by `screen`."""
    router = app.router
    if result is Go.BACK:
        router.pop()
    elif result is Go.TITLE:
        router.reset(TitleScreen(app))
    elif result is Go.LIBRARY:
        router.reset(TitleScreen(app))
        router.push(LibraryScreen(app))
    elif result is Go.JOIN:
        router.push(JoinScreen(app))
    elif result is Go.SETTINGS:
        router.push(SettingsScreen(app))
    elif result is Go.ABOUT:
        router.push(AboutScreen(app))
    elif result is Go.HELP:
        if not isinstance(router.top, HelpScreen):
            router.push(HelpScreen(app))
    elif result is Go.QUIT:
        ask_to_quit(app)
    elif isinstance(result, OpenBriefing):
        router.push(BriefingScreen(app, result.scenario))
    elif isinstance(result, ShowBriefing):
        router.push(BriefingScreen(app, result.scenario, reading=True))
    elif isinstance(result, StartAttempt):
        router.replace(BriefingScreen(app, result.run.scenario, run=result.run))
    elif isinstance(result, Begin):
        dialogue.start(app, result.scenario, result.mode, run=getattr(screen, "run", None))
    elif isinstance(result, ResumeSave):
        dialogue.resume(app, result.save)
    elif isinstance(result, Pause):
        router.push(PauseScreen(app, result.scene))
    elif isinstance(result, ShowDebrief):
        router.replace(DebriefScreen(app, result.scenario, result.debrief, replayable=result.replayable))
    elif isinstance(result, PlayAgain):
        router.reset(TitleScreen(app))
        router.push(LibraryScreen(app))
        router.push(BriefingScreen(app, result.scenario))
    elif isinstance(result, Leave):
        router.reset(TitleScreen(app))
        if result.message:
            app.notify(result.message)
    else:
        raise TypeError(f"no screen handles the result {result!r}")


def ask_to_quit(app) -> None:
    """Quit, once the learner says yes. Asked again while asking (a second window close) quits."""
    top = app.router.top
    if isinstance(top, ConfirmScreen) and top.title == QUIT_QUESTION:
        app.quit()
        return
    app.router.push(ConfirmScreen(app, QUIT_QUESTION, "Your progress up to your last choice is saved.",
                                  "Yes, quit", "No, stay"),
                    then=lambda yes: app.quit() if yes else None)
