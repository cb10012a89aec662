"""Every validator rule: a mistake in base.yaml gives the expected message at the expected place."""
import os

import pytest

from game.core.errors import AuthoringError
from game.core.loader import check_path, load_path
from game.core.rules import check_rules


def problems_for(write, text, name="base.yaml"):
    scenario, problems = check_path(write(text, name))
    return scenario, [(p.severity, p.line, p.col, p.message, p.hint) for p in problems]


def only(problems, severity="error"):
    return [p for p in problems if p[0] == severity]


def test_base_scenario_is_clean(write, base_text):
    scenario, problems = problems_for(write, base_text)
    assert scenario is not None and problems == []


@pytest.mark.parametrize("old,new,expected", [
    # a misspelt key, with did-you-mean; the missing 'title' it stands for is not reported too
    ("title: Base", "tilte: Base",
     [("error", 3, 1, "unknown field 'tilte' in the scenario", "did you mean 'title'?")]),
    # missing required field inside a node
    ("    epilogue: Jo shows you a drawing.\n", "",
     [("error", 31, 5, "this ending needs 'epilogue'",
       "every ending says what it meant for the child, in the child's words or from their point "
       "of view")]),
    # wrong type
    ("patterns: [avoidance]", "patterns: avoidance\nminutes: ten",
     [("error", 5, 11, "'patterns' should be a list, not text", ""),
      ("error", 6, 10, "'minutes' should be a whole number, not text", "")]),
    # enum with did-you-mean
    ("mood: hostile", "mood: hostle",
     [("error", 15, 11, "'hostle' is not a known value for 'mood'", "did you mean 'hostile'?")]),
    # children need an age
    ("jo: {name: Jo, role: child, age: 6}", "jo: {name: Jo, role: child}",
     [("error", 8, 7, "character 'jo' needs 'age'", "children need an age in years")]),
    # Norway problem: yes/no read as true/false where text is expected
    ("title: Seen", "title: yes",
     [("error", 33, 12, "'title' should be text, not true/false",
       "put it in quotes: YAML reads words like yes/no/on/off as true/false")]),
])
def test_structural_mistakes(write, base_text, old, new, expected):
    assert old in base_text
    _, problems = problems_for(write, base_text.replace(old, new, 1))
    assert only(problems) == [e for e in expected if e[0] == "error"]


def test_dangling_target_with_did_you_mean(write, base_text):
    _, problems = problems_for(write, base_text.replace("goto: end-good", "goto: end-god"))
    assert ("error", 30, 15, "'goto' names 'end-god', which is not a node",
            "did you mean 'end-good'?") in problems


def test_duplicate_ids(write, base_text):
    text = base_text.replace("  - id: end-unseen", "  - id: end-good")
    _, problems = problems_for(write, text)
    assert ("error", 36, 5, "the id 'end-good' is used twice",
            "first used at " + write(text) + ":31; ids must be unique") in problems


def test_duplicate_keys_in_yaml(write, base_text):
    text = base_text.replace("  trust: {type", "  trust: 1\n  trust: {type")
    _, problems = problems_for(write, text)
    assert problems == [("error", 11, 3, "'trust' appears twice here (first at line 10)",
                         "keep one of them; ids and field names must be unique")]


def test_unknown_speaker_character_and_variable(write, base_text):
    text = base_text.replace("speaker: kay", "speaker: kai").replace("{jo}", "{joe}")
    _, problems = problems_for(write, text)
    assert ("error", 14, 14, "unknown character 'kai'", "did you mean 'kay'?") in problems
    assert ("error", 16, 21, "'{joe}' names no variable or character",
            "did you mean 'jo'?") in problems


def test_unknown_practice_point(write, base_text):
    _, problems = problems_for(write, base_text.replace("points: [CHILD-1]", "points: [CHLD-1]"))
    assert problems == [("error", 22, 18, "unknown practice point 'CHLD-1'",
                         "did you mean 'CHILD-1'?")]


def test_condition_that_does_not_parse_points_at_the_column(write, base_text):
    text = base_text.replace("      - text: Leave a card.\n",
                             "      - text: Leave a card.\n        if: trust >= = 2\n")
    _, problems = problems_for(write, text)
    assert problems == [("error", 21, 22, "in this condition: unexpected '='",
                         "expected a value, a variable or '('")]


def test_condition_with_unknown_variable_and_wrong_type(write, base_text):
    text = base_text.replace("      - text: Leave a card.\n",
                             "      - text: Leave a card.\n        if: trsut > 1\n")
    _, problems = problems_for(write, text)
    assert problems == [("error", 21, 13, "in this condition: unknown variable 'trsut'",
                         "did you mean 'trust'?")]
    text = base_text.replace("      - text: Leave a card.\n",
                             "      - text: Leave a card.\n        if: trust and child_seen\n")
    _, problems = problems_for(write, text)
    assert problems == [("error", 21, 19, "in this condition: both sides of 'and' needs "
                         "true/false, not a whole number",
                         "check the variable's type under 'variables:'")]


def test_effect_of_the_wrong_type(write, base_text):
    text = base_text.replace("effects: [child_seen = true, trust -= 1]",
                             "effects: [child_seen = 1, name += 1]")
    _, problems = problems_for(write, text)
    assert [(p[1], p[2], p[3]) for p in problems] == [
        (26, 32, "in this effect: 'child_seen' holds true/false, but this gives a whole number"),
        (26, 40, "in this effect: '+=' needs a whole-number variable; 'name' is text"),
    ]


def test_unreachable_node_and_unreached_ending_are_warnings(write, base_text):
    text = base_text.replace("        goto: end-unseen\n", "        goto: end-good\n")
    scenario, problems = problems_for(write, text)
    assert scenario is not None
    assert problems == [("warning", 36, 5, "the ending 'end-unseen' can never be reached",
                         "add a 'goto' or choice leading to it, or remove it")]


def test_last_beat_without_goto_is_a_dead_end(write, base_text):
    text = base_text.replace("rules:", "  - Nobody answers.\nrules:", 1)
    _, problems = problems_for(write, text)
    assert ("error", 41, 5, "the story stops here: this is the last node, but it is not an "
            "ending", "add 'goto: some-id' or an ending after it") in problems


def test_loop_that_never_reaches_an_ending(write, base_text):
    text = base_text.replace("        goto: end-unseen\n", "        goto: wait\n").replace(
        "rules:", "  - id: wait\n    text: You wait.\n    goto: wait2\n"
                  "  - id: wait2\n    text: And wait.\n    goto: wait\nrules:", 1)
    _, problems = problems_for(write, text)
    loops = [p for p in problems if "no ending can ever be reached" in p[3]]
    assert loops == [("error", 41, 5, "from this beat ('wait') no ending can ever be reached: "
                      "the story loops forever", "give the loop a way out that leads to an ending")]


def test_decision_with_one_choice_is_a_warning(write, base_text):
    start = base_text.index("      - text: Leave a card.")
    end = base_text.index("      - text: Ask to see Jo.")
    scenario, problems = problems_for(write, base_text[:start] + base_text[end:])
    assert scenario is not None
    assert ("warning", 17, 5, "this decision has only one choice",
            "a decision should offer a real alternative; use a beat if there is none") in problems


def test_all_problems_come_back_in_one_pass(write, base_text):
    text = (base_text.replace("mood: hostile", "mood: hostle")
            .replace("points: [CHILD-1]", "points: [CHLD-1]")
            .replace("tilte", "title").replace("title: Base", "tilte: Base"))
    scenario, problems = problems_for(write, text)
    assert scenario is None
    # structural and meaning errors come back together
    assert {p[3] for p in only(problems)} == {
        "unknown field 'tilte' in the scenario", "'hostle' is not a known value for 'mood'", "unknown practice point 'CHLD-1'"}


def test_authoring_error_carries_every_problem(write, base_text):
    path = write(base_text.replace("goto: end-good", "goto: nowhere")
                 .replace("speaker: kay", "speaker: nobody"))
    with pytest.raises(AuthoringError) as info:
        load_path(path)
    text = str(info.value)
    assert f"{path}:14:14: error: unknown character 'nobody'" in text
    assert f"{path}:30:15: error: 'goto' names 'nowhere', which is not a node" in text


def test_rule_broken_on_a_route_lists_the_route(write, base_text):
    text = base_text.replace("effects: [child_seen = true, trust -= 1]", "effects: [trust -= 1]")
    scenario, _ = problems_for(write, text)
    problems = check_rules(scenario)
    assert [(p.line, p.col, p.message) for p in problems] == [
        (42, 5, "rule 'seen-before-safe' is broken on 1 route: child_seen is false at ending "
                "'end-good' by choices 2")]


def test_possible_rule_that_never_holds(write, base_text):
    text = base_text + "  - id: reach-unseen-with-trust\n    possible: trust > 4\n"
    scenario, _ = problems_for(write, text)
    problems = check_rules(scenario)
    assert [(p.line, p.message) for p in problems] == [
        (45, "rule 'reach-unseen-with-trust' never holds: no route ends with trust > 4")]


def test_stuck_decision_found_on_a_route(write, base_text):
    text = base_text.replace("      - text: Leave a card.\n",
                             "      - text: Leave a card.\n        if: trust > 3\n").replace(
        "      - text: Ask to see Jo.\n", "      - text: Ask to see Jo.\n        if: trust > 3\n")
    scenario, _ = problems_for(write, text)
    problems = check_rules(scenario)
    assert [(p.line, p.message) for p in problems] == [
        (17, "while playing: no choice is offered at this decision (every choice's condition "
             "is false)")]


def test_include_problems(write, base_text, tmp_path):
    text = base_text.replace("  - The door opens a crack.\n",
                             "  - include: fragments/missing.yaml\n")
    _, problems = problems_for(write, text)
    assert problems == [("error", 13, 14, "cannot include 'fragments/missing.yaml': no such file",
                         "the path is relative to the file that includes it")]
    (tmp_path / "loop.yaml").write_text("fragment: loop\nnodes:\n  - include: loop.yaml\n")
    text = base_text.replace("  - The door opens a crack.\n", "  - include: loop.yaml\n")
    _, problems = problems_for(write, text)
    assert [p[3] for p in problems][0].startswith("'loop.yaml' includes itself")


def test_fragment_nodes_are_spliced_in(write, base_text, tmp_path):
    (tmp_path / "bits.yaml").write_text(
        "fragment: bits\ncharacters:\n  sup: {name: Priya, role: manager}\n"
        "nodes:\n  - speaker: sup\n    text: How did it go?\n")
    text = base_text.replace("  - The door opens a crack.\n", "  - include: bits.yaml\n")
    scenario, problems = problems_for(write, text)
    assert problems == []
    first = scenario.nodes[scenario.start]
    assert first.speaker == "sup" and first.where[0].endswith("bits.yaml")
    assert scenario.start == "bits:L5"


def test_fixing_an_included_fragment_is_seen_on_reload(write, base_text, tmp_path):
    import os
    fragment = tmp_path / "bits.yaml"
    fragment.write_text("fragment: bits\nnodes:\n  - speaker: nobody\n    text: Hi.\n")
    path = write(base_text.replace("  - The door opens a crack.\n", "  - include: bits.yaml\n"))
    scenario, problems = check_path(path)
    assert scenario is None and problems[0].message == "unknown character 'nobody'"
    fragment.write_text("fragment: bits\nnodes:\n  - speaker: kay\n    text: Hi there.\n")
    os.utime(fragment, (1, 1))  # a different mtime even on a coarse-grained file system
    scenario, problems = check_path(path)
    assert scenario is not None and problems == []


TEN_FAULTS = os.path.join(os.path.dirname(__file__), "ten_faults.yaml")


def test_many_faults_are_all_reported_once_without_cascades():
    # Nine mistakes in one file (the "ten ways to break it"): every one is reported in
    # a single run, each once, at its own line:col, and nothing is reported because of another.
    _, problems = check_path(TEN_FAULTS)
    assert [(p.severity, p.line, p.col, p.message) for p in problems] == [
        ("error", 11, 18, "'manager_told' holds text, because \"no\" is in quotes, but 2 "
                          "conditions or effects use it as true/false (first at line 31)"),
        ("error", 12, 35, "'checked' is declared bool but starts as 'no'"),
        ("error", 21, 5, "unknown field 'choises' in this decision"),
        # checked although it sits under the misspelt key
        ("error", 23, 18, "unknown practice point 'CHLD-1'"),
        # graph checks run although there are other errors
        ("warning", 27, 5, "nothing leads to this branch ('route')"),
        ("error", 29, 20, "in this condition: unexpected '>'"),
        ("error", 32, 15, "'goto' names 'end-god', which is not a node"),
        ("error", 34, 5, "from this beat ('spin') no ending can ever be reached: the story "
                         "loops forever"),
        ("warning", 41, 5, "the ending 'end-good' can never be reached"),
    ]
    hints = {p.line: p.hint for p in problems}
    assert hints[11] == "remove the quotes: manager_told: no"
    assert hints[12] == "remove the quotes: initial: no"
    assert hints[21] == "did you mean 'choices'?"


def test_builtin_variables_take_a_starting_value(write, base_text):
    text = base_text.replace("variables:\n", "variables:\n  visits_defaulted: 3\n  day: 4\n")
    scenario, problems = problems_for(write, text)
    assert problems == []
    assert scenario.variables["visits_defaulted"].initial == 3
    assert scenario.variables["visits_defaulted"].builtin
    assert scenario.variables["day"].initial == 4


@pytest.mark.parametrize("line,expected", [
    ("  child_seen: 2", ("error", 10, 15, "'child_seen' is built in and holds true/false, so it "
                         "cannot start as 2",
                         "write e.g. child_seen: no, or delete this line: it is built in, "
                         "starting at no")),
    ("  day: 0", ("error", 10, 8, "'day' is built in and holds a whole number from 1, so it "
                  "cannot start as 0",
                  "write e.g. day: 1, or delete this line: it is built in, starting at 1")),
    ("  day: {type: int, min: 3}", ("error", 10, 3, "'day' is built in: a int from 1",
                                    "only its starting value can be set, e.g. day: 1")),
])
def test_builtin_variables_wrong_start(write, base_text, line, expected):
    _, problems = problems_for(write, base_text.replace("variables:\n", f"variables:\n{line}\n"))
    assert problems == [expected]


def test_yes_and_no_mean_true_and_false_in_effects_and_conditions(write, base_text):
    text = base_text.replace("effects: [child_seen = true, trust -= 1]",
                             "effects: [child_seen = no, trust -= 1]\n        if: not child_seen "
                             "or child_seen == yes")
    scenario, problems = problems_for(write, text)
    assert only(problems) == []


def test_a_branch_arm_whose_if_is_wrong_gets_no_false_no_if_warning(write, base_text):
    text = base_text.replace("  - id: door\n", "  - branch:\n      - if: trust >>> 1\n"
                             "        goto: door\n      - goto: door\n  - id: door\n")
    _, problems = problems_for(write, text)
    assert [p[3] for p in problems] == ["in this condition: unexpected '>'"]


@pytest.mark.parametrize("old,new,expected", [
    # a tab in the indentation
    ("  - id: door\n", "  - id: door\n\tx: 1\n",
     (18, 1, "a tab: YAML indentation must use spaces",
      "replace the tab with spaces (set your editor to insert spaces for Tab)")),
    # a quote opened and never closed: reported where it opens, not where the parser gave up
    # (at the next quote, three lines on)
    ("text: What now? {jo} is asleep.\n  - id: door\n    prompt: What do you do?",
     'text: "What now? {jo} is asleep.\n  - id: door\n    prompt: "What do you do?"',
     (16, 11, 'this quote ("), opened at 16:11, is never closed on its line, so the lines '
              "after it are read as part of the text", 'add the closing " where the text ends')),
    ("title: Unseen", "title: 'Unseen",
     (38, 12, "this quote (') is never closed", "add the closing ' at the end of the text")),
    ("feedback: Jo stays unseen.", "feedback: Jo stays: unseen.",
     (23, 27, "a ': ' here, inside a value, is read as the start of another 'name: value'",
      "put the whole text in quotes, or write it without ': '")),
    ("        goto: end-unseen\n", "       goto: end-unseen\n",
     (24, 8, "this line does not line up with the lines above it",
      "indent it by the same number of spaces as the other fields of its item "
      "(list items start with '- ' at the same place)")),
])
def test_yaml_syntax_errors_in_plain_words(write, base_text, old, new, expected):
    assert old in base_text
    _, problems = problems_for(write, base_text.replace(old, new, 1))
    assert [p[1:] for p in problems] == [expected]


def test_the_models_vocabulary_is_the_schemas():
    from game.core import model, schema
    assert model.MOODS == schema.enum("mood")
    assert model.LOCATIONS == schema.enum("location")
    assert model.ENDING_KINDS == schema.enum("ending_kind")
    assert model.PATTERNS == schema.enum("pattern")
    assert model.ROLES == schema.enum("role")


@pytest.mark.parametrize("field,value", [("mood", "tired"), ("mood", "guarded"),
                                         ("location", "hall"), ("location", "school_office"),
                                         ("location", "hospital"), ("location", "bedroom")])
def test_the_wider_vocabulary_validates(write, base_text, field, value):
    text = base_text.replace("    mood: hostile\n", f"    {field}: {value}\n")
    _, problems = problems_for(write, text)
    assert problems == []
