"""Load YAML keeping the line of every mapping, key and list item, for error messages.

Every YAML file and every front matter goes through `parse_yaml`, which is safe by
construction against hostile input, each case a `Problem` with file and line, never a
traceback or a hang:

- PyYAML's safe constructors only (no Python objects), and scalar keys only;
- an alias-expansion limit: a "billion laughs" document is refused in milliseconds;
- a size limit per file (`MAX_YAML_BYTES`) and a nesting limit (`MAX_YAML_DEPTH`);
- no control characters but tab, newline and carriage return; UTF-8 text only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from nextsociety.model.errors import DataError, Problem

MAX_YAML_BYTES = 1_000_000  # the largest registry of ten years of a programme is far below
MAX_YAML_DEPTH = 50  # registries nest three levels; more is a mistake or an attack
MAX_YAML_NODES = 100_000  # values after expanding aliases (`*name`)

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first: int) -> None:
        self.key, self.line, self.first = key, line, first


class _Refused(Exception):
    """A document the loader will not build; `line` is 1-based within the parsed text."""

    def __init__(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.line, self.message, self.hint = line, message, hint


class _LineConstructor(yaml.constructor.SafeConstructor):
    """Mappings and sequences that remember where they were written (`line_offset` added)."""

    line_offset = 0

    def construct_document(self, node: yaml.Node) -> Any:
        _check_expansion(node)
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + self.line_offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_line - self.line_offset, "a key must be a plain word or text")
            key = self.construct_object(key_node, deep=True)
            if key in result:
                # PyYAML keeps the last value silently; an editor would never notice the first.
                raise _DuplicateKey(str(key), key_line, result.key_lines[str(key)])
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = key_line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        value = super().construct_scalar(node)
        if isinstance(value, str) and _SURROGATE.search(value):
            # "\ud800" in double quotes: no character, and no encoder will write it.
            raise _Refused(node.start_mark.line + 1, "a '\\u' escape that is no character")
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # `2018-13-01` looks like a date but is none: keep the text so validation can say so.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a document whose aliases expand to more than MAX_YAML_NODES values, or which
    nests deeper than MAX_YAML_DEPTH: linear in the document's distinct nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_YAML_DEPTH:
            raise _Refused(
                node.start_mark.line + 1,
                f"nested more than {MAX_YAML_DEPTH} levels deep",
                "write the values at fewer levels",
            )
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[id(node)] > MAX_YAML_NODES:
                raise _Refused(
                    node.start_mark.line + 1,
                    f"aliases ('*name') expand to more than {MAX_YAML_NODES:,} values",
                    "write the values out instead of repeating anchors",
                )
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _LineLoader(_LineConstructor, yaml.SafeLoader):
    """The pure-Python parser: its error messages are the ones editors are shown."""


_LIBYAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLineLoader(_LineConstructor, _LIBYAML_LOADER):  # type: ignore[misc,valid-type]
    """libyaml's parser (in PyPI's PyYAML wheels): front matter of thousands of news items is
    parsed on every build, and the pure-Python parser took a fifth of the build time."""


_CONSTRUCTORS: dict[str, Any] = {
    "tag:yaml.org,2002:timestamp": _LineConstructor.construct_yaml_timestamp,
    "tag:yaml.org,2002:map": _LineConstructor.construct_mapping,
    "tag:yaml.org,2002:seq": _LineConstructor.construct_sequence,
}
for _loader in (_LineLoader, _FastLineLoader):
    for _tag, _construct in _CONSTRUCTORS.items():
        _loader.add_constructor(_tag, _construct)


class _ConfigLoader(_LineLoader):
    """For mkdocs.yml: also resolves MkDocs' `!ENV VAR` and `!ENV [VAR, …, default]` tags."""

    def construct_env_tag(self, node: yaml.Node) -> Any:
        # As pyyaml_env_tag does for MkDocs: with two or more items, the last is the default.
        if isinstance(node, yaml.SequenceNode):
            children, default = node.value, None
            if len(children) > 1:
                children, default = children[:-1], self.construct_object(children[-1])
            names = [self.construct_scalar(child) for child in children]
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
        _check_text(text)
        if env_tags:
            return _load(text, _ConfigLoader, offset)
        try:
            return _load(text, _FastLineLoader, offset)
        except yaml.MarkedYAMLError:
            return _load(text, _LineLoader, offset)  # raises again, worded for editors
    except _DuplicateKey as dup:
        problem = Problem(
            path,
            dup.line + offset,
            f"the key '{dup.key}' is written twice",
            f"first written on line {dup.first + offset}; keep one",
        )
    except _Refused as refused:
        line = refused.line + offset if refused.line is not None else None
        problem = Problem(path, line, refused.message, refused.hint)
    except yaml.YAMLError as exc:
        problem = _malformed(exc, path, offset)
    except RecursionError:
        problem = Problem(path, first_line, "nested too deeply", "write the values at fewer levels")
    raise DataError([problem]) from None


def _load(text: str, loader_class: type[_LineConstructor], offset: int) -> Any:
    loader = loader_class(text)  # type: ignore[call-arg]
    loader.line_offset = offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()  # type: ignore[attr-defined]


def _check_text(text: str) -> None:
    if len(text) > MAX_YAML_BYTES:
        raise _Refused(
            None, f"larger than {MAX_YAML_BYTES:,} characters", "split it into smaller files"
        )
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise _Refused(
            line,
            f"control character U+{ord(control.group()):04X} at column {column}",
            "delete it: only tab and new line are allowed",
        )


def _malformed(exc: yaml.YAMLError, path: str, offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark else None
    reason = getattr(exc, "problem", None) or getattr(exc, "context", None) or "not valid YAML"
    return Problem(
        path,
        line,
        f"malformed YAML: {reason}",
        "check the indentation and quote values that contain ':' or '#'",
    )


def load_yaml(path: Path, display_path: str, *, env_tags: bool = False) -> Any:
    """Read and parse one YAML file; `display_path` is what error messages call it."""
    return parse_yaml(read_text(path, display_path), display_path, env_tags=env_tags)


def read_text(path: Path, display_path: str) -> str:
    """A file's text, which must be UTF-8 (a byte-order mark is dropped)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(display_path, None, "file not found")]) from None
    except OSError as exc:
        raise DataError([Problem(display_path, None, f"cannot be read ({exc.strerror})")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(
            [
                Problem(
                    display_path,
                    line,
                    f"not UTF-8 text: byte {exc.start} (0x{data[exc.start]:02x}) is {exc.reason}",
                    "save the file as UTF-8",
                )
            ]
        ) from None
