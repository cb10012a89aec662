"""No input file may produce a traceback, a hang or unbounded memory: only clear errors."""
import os
import subprocess
import sys

import pytest

from game.core.loader import check_path, check_bytes
from tests.helpers import ROOT


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


# -- files from another agency ---------------------------------------------------------------

def _with_include(base_text, target):
    return base_text.replace("  - The door opens a crack.\n", f"  - include: {target}\n")


SECRET = "doorstep-secret-line: do not show me"


@pytest.mark.parametrize("target", ["../../../../etc/passwd.yaml", "/etc/passwd.yaml",
                                    "../outside.yaml", "link/outside.yaml", "linked.yaml"])
def test_includes_cannot_leave_the_scenario_folder(tmp_path, base_text, target):
    inside = tmp_path / "agency"
    inside.mkdir()
    (tmp_path / "outside.yaml").write_text(f"fragment: x\nnodes:\n  - {SECRET}\n")
    os.symlink(tmp_path, inside / "link")                          # a folder link out
    os.symlink(tmp_path / "outside.yaml", inside / "linked.yaml")  # a file link out
    path = inside / "base.yaml"
    path.write_text(_with_include(base_text, target))
    scenario, problems = check_path(str(path))
    assert scenario is None
    assert [(p.line, p.col, p.message) for p in problems if p.is_error] == [
        (13, 14, f"cannot include '{target}': it is outside the scenario's folder")]
    assert all(SECRET not in p.format() and "root:" not in p.format() for p in problems)


def test_includes_that_fan_out_are_bounded_in_total(tmp_path, base_text):
    # Each fragment includes the next ten times: 10**6 includes if only depth were bounded.
    for level in range(6):
        body = "".join(f"  - include: f{level + 1}.yaml\n" for _ in range(10)) if level < 5 \
            else "  - A line.\n"
        (tmp_path / f"f{level}.yaml").write_text(f"fragment: f{level}\nnodes:\n{body}")
    (tmp_path / "base.yaml").write_text(_with_include(base_text, "f0.yaml"))
    scenario, problems = check_path(str(tmp_path / "base.yaml"))
    assert scenario is None
    assert [p.message for p in problems if p.message.startswith("more than")] == [
        "more than 200 includes in total"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_fifo_and_stdin_are_refused_without_hanging(tmp_path, base_text):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block
    assert errors(str(fifo)) == [(1, 1, "this is not an ordinary file (it is a pipe, a device "
                                        "or a terminal), so it is not read")]
    (tmp_path / "base.yaml").write_text(_with_include(base_text, "pipe.yaml"))
    assert errors(str(tmp_path / "base.yaml"))[0][2].startswith(
        "cannot include 'pipe.yaml': this is not an ordinary file")
    # `validate DIR` meets the FIFO while walking the folder, and must not block on it either
    code = subprocess.run([sys.executable, "main.py", "validate", "--no-rules", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.PIPE)
    assert code.returncode == 2 and "pipe.yaml:1:1: error: this is not an ordinary file" in \
        code.stdout
    r = subprocess.run([sys.executable, "main.py", "validate", "/dev/stdin"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60, stdin=subprocess.PIPE)
    assert r.returncode == 2 and "this is not an ordinary file" in r.stdout


@pytest.mark.parametrize("value,message", [
    ("9" * 5000, "this number is too large (5000 digits)"),
    ("0x" + "f" * 5000, "this number is too long (5002 characters)"),
])
def test_huge_integers_are_an_authoring_error(tmp_path, base_text, value, message):
    path = tmp_path / "base.yaml"
    path.write_text(base_text.replace("patterns: [avoidance]",
                                      f"patterns: [avoidance]\nminutes: {value}"))
    assert errors(str(path)) == [(6, 10, message)]


@pytest.mark.parametrize("escape,name", [("\\e[2J\\e[31m", "ESC (a terminal escape)"),
                                         ("\\0", "NUL"), ("\\x9b", "U+009B")])
def test_terminal_escapes_and_nul_in_text_are_refused(tmp_path, base_text, escape, name):
    path = tmp_path / "base.yaml"
    path.write_text(base_text.replace("text: Jo is seen.", f'text: "Jo is {escape}seen."'))
    assert errors(str(path)) == [(34, 12, f"this text contains the control character {name}")]
