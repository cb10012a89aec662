"""Start-up stays light: a command imports only the stacks it needs (no timing here: see
benchmarks/bench_core.py). Each case runs in a fresh interpreter."""
import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, scenario_path

HEAVY = ("sqlalchemy", "psycopg", "psycopg2", "pygame", "starlette", "fastapi", "uvicorn",
         "jinja2", "argon2", "bcrypt", "playwright")
PROBE = ("import sys, json\nsys.argv = ['main.py'] + json.loads(sys.argv[1])\n"
         "from game.cli.main import main\n"
         "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
         "print('\\nMODULES=' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")


def imported(*argv) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(argv))], cwd=ROOT,
                         capture_output=True, text=True, timeout=60).stdout
    return set(json.loads(out.rsplit("MODULES=", 1)[1]))


def test_help_imports_no_scenario_database_web_or_window_stack():
    mods = imported("--help")
    assert not mods & set(HEAVY + ("yaml", "networkx", "jsonschema", "fastjsonschema"))


@pytest.mark.parametrize("argv", [["validate", scenario_path("demo-late-again")],
                                  ["validate", "--no-rules", f"{ROOT}/scenarios"]])
def test_validate_a_good_file_imports_neither_database_web_window_nor_graph_library(argv):
    mods = imported(*argv)
    assert "yaml" in mods  # it did read the scenario
    assert not mods & set(HEAVY + ("networkx", "jsonschema"))


def test_jsonschema_is_loaded_only_for_a_file_with_mistakes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("doorstep: 1\nid: bad\n")
    assert "jsonschema" in imported("validate", str(bad))


def test_agency_commands_still_load_their_stack_when_run():
    assert "sqlalchemy" in imported("session", "--help")


def test_the_mode_words_on_the_command_line_are_the_engines():
    from game.cli.main import MODE_WORDS
    from game.core.engine import Mode
    assert MODE_WORDS == tuple(m.value for m in Mode)


def test_revalidating_unchanged_files_loads_no_yaml_or_schema(tmp_path):
    env_dir = tmp_path / "cache"
    probe = PROBE.replace("import sys, json\n", "import sys, json, os\n"
                          f"os.environ['DOORSTEP_CACHE_DIR'] = {str(env_dir)!r}\n")
    argv = json.dumps(["validate", f"{ROOT}/scenarios"])  # scenarios and a fragment
    subprocess.run([sys.executable, "-c", probe, argv], cwd=ROOT, capture_output=True, timeout=60)
    out = subprocess.run([sys.executable, "-c", probe, argv], cwd=ROOT, capture_output=True,
                         text=True, timeout=60).stdout
    assert "files checked: 0 errors, 0 warnings" in out
    mods = set(json.loads(out.rsplit("MODULES=", 1)[1]))
    assert not mods & {"yaml", "networkx", "jsonschema", "fastjsonschema", *HEAVY}


def test_validate_starts_without_the_core_model_or_yaml(tmp_path):
    mods = imported("validate", str(tmp_path))  # an empty folder: start-up and nothing else
    assert not mods & {"yaml", "dataclasses", "networkx", "jsonschema", "fastjsonschema", *HEAVY}
