"""game.storage.saves: atomic autosaves, exact resume data, corrupt saves reported one by one,
and the learner's progress records."""
from __future__ import annotations

import json
import os

import pytest

from game.core import engine
from game.core.loader import load_path
from game.storage import saves
from tests.helpers import scenario_path

from .conftest import DEMO


def make_save(slot="demo-practice", saved_at="2026-11-23T10:00:00Z", state_json='{"x": 1}') -> saves.Save:
    return saves.Save(slot, DEMO, scenario_path(DEMO), "Late Again", "practice", saved_at, state_json)


def test_a_save_round_trips_the_engine_state_exactly(tmp_path):
    scenario = load_path(scenario_path(DEMO))
    state = engine.choose_number(scenario, engine.to_next_decision(scenario, engine.start(scenario)), 2, at="t")
    saves.write_save(tmp_path, make_save(state_json=state.to_json()))
    [loaded] = saves.list_saves(tmp_path)
    assert isinstance(loaded, saves.Save)
    assert engine.PlayState.from_json(loaded.state_json) == state
    assert saves.latest_save(tmp_path) == loaded


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    saves.write_save(tmp_path, make_save(state_json="old"))
    real_replace = os.replace

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        saves.write_save(tmp_path, make_save(state_json="new"))
    monkeypatch.setattr(os, "replace", real_replace)
    [kept] = saves.list_saves(tmp_path)
    assert kept.state_json == "old"                       # the old save survives a failed write
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-practice.json"]


def test_a_corrupt_save_is_reported_and_the_others_still_load(tmp_path):
    saves.write_save(tmp_path, make_save("good", "2026-11-23T09:00:00Z"))
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "old.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    (tmp_path / "partial.json").write_text(json.dumps({"format": 1, "slot": "partial"}), encoding="utf-8")
    found = saves.list_saves(tmp_path)
    assert [type(s).__name__ for s in found] == ["Save", "BrokenSave", "BrokenSave", "BrokenSave"]
    messages = {s.slot: s.message for s in found if isinstance(s, saves.BrokenSave)}
    assert "damaged" in messages["broken"] and "other saves" in messages["broken"]
    assert "different version" in messages["old"]
    assert "incomplete" in messages["partial"]
    assert saves.latest_save(tmp_path).slot == "good"


def test_newest_save_comes_first_and_delete_is_idempotent(tmp_path):
    saves.write_save(tmp_path, make_save("a", "2026-11-23T09:00:00Z"))
    saves.write_save(tmp_path, make_save("b", "2026-11-23T11:00:00Z"))
    assert saves.latest_save(tmp_path).slot == "b"
    saves.delete_save(tmp_path, "b")
    saves.delete_save(tmp_path, "b")
    assert saves.latest_save(tmp_path).slot == "a"


def test_slot_names_are_safe_file_names():
    assert saves.slot_for("Late Again/../x", "practice") == "late-again-x-practice"


def test_records_keep_the_best_score_and_status(tmp_path):
    saves.record_result(tmp_path, DEMO, "completed", 40)
    saves.record_result(tmp_path, DEMO, "withdrawn")
    record = saves.record_result(tmp_path, DEMO, "completed", 75)
    assert record == saves.Record(DEMO, "completed", 75, 3)
    saves.record_result(tmp_path, DEMO, "completed", 10)
    assert saves.load_records(tmp_path)[DEMO].best_score == 75
    (tmp_path / saves.RECORDS_FILE).write_text("[broken", encoding="utf-8")
    assert saves.load_records(tmp_path) == {}
