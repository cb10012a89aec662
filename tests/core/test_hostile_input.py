"""No input file may produce a traceback, a hang or unbounded memory: only clear errors."""
import os

import pytest

from game.core.loader import check_path, check_bytes


def errors(path):
    scenario, problems = check_path(path)
    assert scenario is None
    return [(p.line, p.col, p.message) for p in problems if p.is_error]


@pytest.mark.parametrize("data,expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (1, 1, "this does not look like a text file "
                                                    "(it contains binary data)")),
    ("doorstep: 1\n".encode("utf-16"), (1, 1, "this file is saved as UTF-16, not UTF-8")),
    (b"doorstep: 1\ntitle: caf\xe9\n", (2, 11, "byte 0xe9 is not valid UTF-8 text")),
    (b"", (1, 1, "this file is empty")),
    (b"a: &x [1, 2]\nb: *x\n", (1, 4, "anchors ('&x') are not supported in scenarios")),
    (b"---\na: 1\n---\nb: 2\n", (3, 1, "a scenario file holds one document only")),
    (b"a: !!python/object/apply:os.system [ls]\n",
     (1, 4, "YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not "
            "allowed in scenarios")),
    (b"title: [unclosed\n", (1, 8, "this '[' is never closed")),
    (b"a: 1\n\x07b: 2\n", (2, 1, "this file cannot be read: control characters are not allowed")),
])
def test_junk_gets_a_clear_error(tmp_path, data, expected):
    path = tmp_path / "junk.yaml"
    path.write_bytes(data)
    assert errors(str(path))[0] == expected


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}] ")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert errors(str(path))[0][2] == "anchors ('&a') are not supported in scenarios"


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x",
                                  "".join(" " * i + f"k{i}:\n" for i in range(300))])
def test_deep_nesting_is_refused_not_crashed(tmp_path, text):
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    (_, _, message), = errors(str(path))[:1]
    assert message == "this is nested more than 64 levels deep"


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB that costs nothing to make
    assert errors(str(path)) == [(1, 1, "this file is too large (100 MB); the limit is 48 MB")]


def test_missing_file_and_folder(tmp_path):
    assert errors(str(tmp_path / "nope.yaml")) == [(1, 1, "no such file")]
    assert errors(str(tmp_path)) == [(1, 1, "this is a folder, not a scenario file")]


def test_in_memory_bytes_are_checked_the_same_way():
    scenario, problems = check_bytes(b"\x00\x01", "<memory>", os.getcwd())
    assert scenario is None and problems[0].message.startswith("this does not look like")
