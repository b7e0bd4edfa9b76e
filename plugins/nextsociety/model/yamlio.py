"""Load YAML keeping the line of every mapping, key and list item, for error messages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from nextsociety.model.errors import DataError, Problem


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    """A sequence from YAML that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first: int) -> None:
        self.key, self.line, self.first = key, line, first


class _LineConstructor(yaml.constructor.SafeConstructor):
    """Mappings and sequences that remember where they were written."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if key in result:
                # PyYAML keeps the last value silently; an editor would never notice the first.
                raise _DuplicateKey(str(key), key_line, result.key_lines[str(key)])
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = key_line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_yaml_timestamp(self, node: yaml.ScalarNode):  # type: ignore[no-untyped-def,override]
        # `2018-13-01` looks like a date but is none: keep the text so validation can say so.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


class _LineLoader(_LineConstructor, yaml.SafeLoader):  # type: ignore[misc]
    """The pure-Python parser: its error messages are the ones editors are shown."""


class _FastLineLoader(_LineConstructor, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser (in PyPI's PyYAML wheels): front matter of thousands of news items is
    parsed on every build, and the pure-Python parser took a fifth of the build time."""


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _LineConstructor.construct_yaml_timestamp)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:map", _LineConstructor.construct_mapping)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:seq", _LineConstructor.construct_sequence)  # type: ignore[type-var]


class _ConfigLoader(_LineLoader):
    """For mkdocs.yml: also resolves MkDocs' `!ENV VAR` and `!ENV [VAR, …, default]` tags."""

    def construct_env_tag(self, node: yaml.Node) -> Any:
        # As pyyaml_env_tag does for MkDocs: with two or more items, the last is the default.
        if isinstance(node, yaml.SequenceNode):
            children, default = node.value, None
            if len(children) > 1:
                children, default = children[:-1], self.construct_object(children[-1])
            names = [self.construct_scalar(child) for child in children]  # type: ignore[arg-type]
        else:
            names, default = [self.construct_scalar(node)], None  # type: ignore[arg-type]
        for name in names:
            if str(name) in os.environ:
                return os.environ[str(name)]
        return default


_ConfigLoader.add_constructor("!ENV", _ConfigLoader.construct_env_tag)


def parse_yaml(text: str, path: str, first_line: int = 1, *, env_tags: bool = False) -> Any:
    """Parse YAML text; errors name `path` and the line, counted from `first_line`.

    `env_tags` accepts MkDocs' `!ENV` tags, for reading mkdocs.yml.
    """
    offset = first_line - 1
    try:
        if env_tags:
            value = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - SafeLoader subclasses
        else:
            try:
                value = yaml.load(text, Loader=_FastLineLoader)  # noqa: S506
            except yaml.MarkedYAMLError:
                value = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - raises again, worded for editors
    except _DuplicateKey as dup:
        raise DataError(
            [
                Problem(
                    path,
                    dup.line + offset,
                    f"the key '{dup.key}' is written twice",
                    f"first written on line {dup.first + offset}; keep one",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise DataError(
            [
                Problem(
                    path,
                    line,
                    f"malformed YAML: {reason}",
                    "check the indentation and quote values that contain ':' or '#'",
                )
            ]
        ) from None
    if offset and value is not None:
        _shift_lines(value, offset)
    return value


def _shift_lines(value: Any, offset: int) -> None:
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: n + offset for k, n in value.key_lines.items()}
        for child in value.values():
            _shift_lines(child, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [n + offset for n in value.item_lines]
        for child in value:
            _shift_lines(child, offset)


def load_yaml(path: Path, display_path: str, *, env_tags: bool = False) -> Any:
    """Read and parse one YAML file; `display_path` is what error messages call it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(display_path, None, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(display_path, None, f"not UTF-8 text ({exc.reason})", "save it as UTF-8")]
        ) from None
    return parse_yaml(text, display_path, env_tags=env_tags)
