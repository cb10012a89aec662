"""Where each screen's result leads. The only module that knows every screen: screens return
results (game.ui.results) and never import one another, so there is no import cycle among them.

Each screen's module is imported when it is first needed, so the title screen (and the launch)
does not wait for the play session, the scenario analysis or the results store."""
from __future__ import annotations

from game.ui.results import (Begin, Go, Leave, OpenBriefing, Pause, PlayAgain, ResumeSave, SaveToSlot,
                             ShowBriefing, ShowDebrief, StartAttempt)

QUIT_QUESTION = "Quit Doorstep?"


def first_screen(app):
    from game.ui.screens.title import TitleScreen

    return TitleScreen(app)


def navigate(app, screen, result) -> None:
    """Act on `result`, returned by `screen`."""
    router = app.router
    if result is Go.BACK:
        router.pop()
    elif result is Go.TITLE:
        router.reset(first_screen(app))
    elif result is Go.LIBRARY:
        from game.ui.screens.library import LibraryScreen

        router.reset(first_screen(app))
        router.push(LibraryScreen(app))
    elif result is Go.JOIN:
        from game.ui.screens.join import JoinScreen

        router.push(JoinScreen(app))
    elif result is Go.SETTINGS:
        from game.ui.screens.settings_screen import SettingsScreen

        router.push(SettingsScreen(app))
    elif result is Go.KEYS:
        from game.ui.screens.keys_screen import KeysScreen

        router.push(KeysScreen(app))
    elif result is Go.ABOUT:
        from game.ui.screens.about import AboutScreen

        router.push(AboutScreen(app))
    elif result is Go.HELP:
        from game.ui.screens.about import HelpScreen

        if not isinstance(router.top, HelpScreen):
            router.push(HelpScreen(app))
    elif result is Go.QUIT:
        ask_to_quit(app)
    elif result is Go.LOAD or isinstance(result, SaveToSlot):
        from game.ui.screens.saves_screen import SavesScreen

        router.push(SavesScreen(app, getattr(result, "scene", None)))
    elif result is Go.QUICK_LOAD:
        from game.storage import saves

        quick = next((s for s in saves.list_saves(app.saves_dir)
                      if isinstance(s, saves.Save) and s.slot == saves.QUICK_SLOT), None)
        if quick is None:
            app.notify("There is no quick save yet: F6 makes one during practice.")
        else:
            navigate(app, screen, ResumeSave(save=quick))
    elif isinstance(result, (OpenBriefing, ShowBriefing, StartAttempt, PlayAgain)):
        _briefing(app, result)
    elif isinstance(result, Begin):
        from game.ui.screens import dialogue

        dialogue.start(app, result.scenario, result.mode, run=getattr(screen, "run", None))
    elif isinstance(result, ResumeSave):
        from game.ui.screens import dialogue

        router.reset(first_screen(app))   # a loaded play sits on the title, wherever it was loaded from
        dialogue.resume(app, result.save)
    elif isinstance(result, Pause):
        from game.ui.screens.pause import PauseScreen

        router.push(PauseScreen(app, result.scene))
    elif isinstance(result, ShowDebrief):
        from game.ui.screens.debrief import DebriefScreen

        router.replace(DebriefScreen(app, result.scenario, result.debrief, replayable=result.replayable))
    elif isinstance(result, Leave):
        router.reset(first_screen(app))
        if result.message:
            app.notify(result.message)
    else:
        raise TypeError(f"no screen handles the result {result!r}")


def _briefing(app, result) -> None:
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.library import LibraryScreen

    router = app.router
    if isinstance(result, OpenBriefing):
        router.push(BriefingScreen(app, result.scenario))
    elif isinstance(result, ShowBriefing):   # re-read during play
        router.push(BriefingScreen(app, result.scenario, reading=True))
    elif isinstance(result, StartAttempt):   # a joined session's attempt: briefing first
        router.replace(BriefingScreen(app, result.run.scenario, run=result.run))
    else:                                    # PlayAgain
        router.reset(first_screen(app))
        router.push(LibraryScreen(app))
        router.push(BriefingScreen(app, result.scenario))


def ask_to_quit(app) -> None:
    """Quit, once the learner says yes. Asked again while asking (a second window close) quits."""
    from game.ui.screens.confirm import ConfirmScreen

    top = app.router.top
    if isinstance(top, ConfirmScreen) and top.title == QUIT_QUESTION:
        app.quit()
        return
    app.router.push(ConfirmScreen(app, QUIT_QUESTION, "Your progress up to your last choice is saved.",
                                  "Yes, quit", "No, stay"),
                    then=lambda yes: app.quit() if yes else None)
