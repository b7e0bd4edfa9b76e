"""The YAML loader against hostile and odd input: a model or a Problem with file and line,
never a traceback, never a hang (issue: hostile input)."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nextsociety.model.errors import DataError
from nextsociety.model.yamlio import (
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    LineDict,
    load_yaml,
    parse_yaml,
)


def problem_of(text: str, first_line: int = 1) -> str:
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "data/x.yml", first_line=first_line)
    (problem,) = caught.value.problems
    return str(problem)


def billion_laughs(levels: int) -> str:
    names = [chr(ord("a") + i) for i in range(levels + 1)]
    lines = [f'{names[0]}: &{names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 12])
def test_alias_bomb_is_refused_in_milliseconds(levels):
    started = time.perf_counter()
    message = problem_of(billion_laughs(levels), first_line=2)
    assert time.perf_counter() - started < 0.5
    assert message.startswith("data/x.yml:")
    assert "aliases ('*name') expand to more than 100,000 values" in message


def test_a_few_aliases_are_fine():
    data = parse_yaml("base: &base {a: 1}\nfirst: *base\nsecond: *base\n", "data/x.yml")
    assert data["first"] == data["second"] == {"a": 1}


def test_lines_are_counted_from_the_front_matter_without_walking_shared_values():
    data = parse_yaml("base: &b [1]\nx: *b\ny:\n  - z\n", "content/x.md", first_line=2)
    assert isinstance(data, LineDict)
    assert data.line_of("y") == 4 and data["y"].line_of(0) == 5
    assert data["x"].line == data["base"].line == 2  # one value, shifted once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\nc: d\x00e\n", "data/x.yml:2: control character U+0000 at column 5"),
        ("title: \x1b[31mred\n", "data/x.yml:1: control character U+001B at column 8"),
        ("? [a, b]\n: 1\n", "data/x.yml:1: a key must be a plain word or text"),
        ('title: "\\ud800"\n', "data/x.yml:1: a '\\u' escape that is no character"),
        ("a: " + "[" * 600 + "]" * 600 + "\n", f"nested more than {MAX_YAML_DEPTH} levels deep"),
        ("a: &x [*x]\n", "data/x.yml:1: nested more than"),
        ("a: 1\na: 2\n", "data/x.yml:2: the key 'a' is written twice"),
        ("a: [1, 2\n", "data/x.yml:2: malformed YAML"),
    ],
)
def test_hostile_text_gives_one_problem_with_its_line(text, expected):
    assert expected in problem_of(text)


def test_tab_is_allowed():
    assert parse_yaml("a: 'x\ty'\n", "data/x.yml") == {"a": "x\ty"}


def test_size_limit():
    assert "larger than 1,000,000 characters" in problem_of("a: " + "x" * MAX_YAML_BYTES)


def test_invalid_utf8_names_the_byte_and_line(tmp_path):
    path = tmp_path / "partners.yml"
    path.write_bytes(b"- id: a\n  name: Agence R\xe9gionale\n")
    with pytest.raises(DataError) as caught:
        load_yaml(path, "data/partners.yml")
    message = str(caught.value.problems[0])
    assert message.startswith("data/partners.yml:2: not UTF-8 text: byte 24 (0xe9)"), message


YAML_ALPHABET = st.sampled_from(
    list("ab:-[]{}&*!|>'\"#?,.\n\t \\%@`~") + ["\x00", "\x1b", "\u202f", "é", "ع", "&a", "*a"]
)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_ALPHABET, max_size=80).map("".join), st.integers(1, 40))
def test_any_text_gives_a_value_or_problems_with_lines(text, first_line):
    try:
        parse_yaml(text, "data/x.yml", first_line=first_line)
    except DataError as error:
        for problem in error.problems:
            assert problem.path == "data/x.yml"
            assert problem.line is None or problem.line >= first_line
