"""What a registry is, and every registry of the site loaded and cross-checked: `load_registries()`.

A registry is declared once, by a module of this package that defines `REGISTRY`, a
`RegistryKind`: its name (the data file `<name>.yml`, the URL folder `/<name>/`), how its
records are validated, its pages, and which fields name records of other registries. There is
no list of registries to keep: `registry_kinds()` finds every module that declares one.
"""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from nextsociety.model.errors import DataError, ProblemCollector, did_you_mean
from nextsociety.model.languages import LanguageSet
from nextsociety.model.records import RecordFile
from nextsociety.model.yamlio import LineDict, LineList, load_yaml

Parse = Callable[[Any, RecordFile], tuple[tuple[Any, ...], "dict[str, int] | None"]]
# What a template of a registry page receives besides the record: (records in file order,
# the page's language code, the translator of that language) -> template values.
Values = Callable[[Sequence[Any], str, Callable[[str], str]], dict[str, Any]]


@dataclass(frozen=True)
class ExtraPage:
    """A listing of a registry besides its index, e.g. /clusters/sectors/."""

    name: str  # the page is `<registry>/<name>.md`
    template: str
    title: str  # a key of the string table
    values: Values


@dataclass(frozen=True)
class RegistryKind:
    """One registry: declared as `REGISTRY` in its own module of this package."""

    name: str  # "partners": data/<name>.yml, the pages /<name>/ and /<name>/<id>/
    record: str  # "partner": messages name a record so; its page's template is <record>.html
    parse: Parse  # validates the file's YAML; returns the records and the line of each id
    order: int = 100  # where it comes among registries (messages, generated pages)
    pages: bool = True  # an index page and one page per record, in every language
    index_template: str = "registry-list.html"  # the generic list, or the registry's own
    index_values: Values | None = None  # more values for the index template
    extra_pages: tuple[ExtraPage, ...] = ()
    references: Mapping[str, str] = field(default_factory=dict)  # field -> registry it names
    vocabulary: tuple[str, ...] = ()  # string-table keys that label its values
    optional: bool = False  # its file may be absent: the registry then has no records

    @property
    def file(self) -> str:
        return f"{self.name}.yml"


class Registries:
    """Every record of every registry by id, in file order: `registries.partners["accio"]`."""

    def __init__(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        self.records = MappingProxyType(dict(records))

    def __getattr__(self, name: str) -> Mapping[str, Any]:
        try:
            return self.__dict__["records"][name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str) -> Mapping[str, Any]:
        """The records of registry `name`; empty when there is no such registry."""
        return self.records.get(name, {})


@cache
def registry_kinds() -> tuple[RegistryKind, ...]:
    """Every registry: each module of this package that declares `REGISTRY`, in their order."""
    package = importlib.import_module("nextsociety.model.registries")
    kinds = []
    for module in pkgutil.iter_modules(package.__path__):
        imported = importlib.import_module(f"{package.__name__}.{module.name}")
        declared = getattr(imported, "REGISTRY", None)
        if isinstance(declared, RegistryKind):
            kinds.append(declared)
    return tuple(sorted(kinds, key=lambda kind: (kind.order, kind.name)))


def registry_kind(name: str) -> RegistryKind:
    return next(kind for kind in registry_kinds() if kind.name == name)


def vocabulary_keys() -> list[str]:
    """The string-table keys that label registry values (partner kinds, cluster sectors)."""
    return [key for kind in registry_kinds() for key in kind.vocabulary]


def load_registries(
    data_dir: Path, languages: LanguageSet, display_dir: str = "data"
) -> Registries:
    """Load every registry's file from `data_dir`; raise DataError with every problem.

    `display_dir` is how messages name the folder (relative to mkdocs.yml, as editors see it).
    """
    problems = ProblemCollector()
    records: dict[str, Mapping[str, Any]] = {}
    ids: dict[str, Collection[str] | None] = {}
    raw: dict[str, Any] = {}
    for kind in registry_kinds():
        file = RecordFile(
            posixpath.join(display_dir, kind.file), languages.codes, problems, data_dir
        )
        if kind.optional and not (data_dir / kind.file).exists():
            records[kind.name], ids[kind.name] = MappingProxyType({}), set()
            continue
        try:
            raw[kind.name] = load_yaml(data_dir / kind.file, file.path)
        except DataError as exc:
            problems.extend(exc.problems)
            ids[kind.name] = None
            continue
        parsed, id_lines = kind.parse(raw[kind.name], file)
        records[kind.name] = MappingProxyType({record.id: record for record in parsed})
        ids[kind.name] = id_lines
    for kind in registry_kinds():
        if kind.name in raw:
            _check_references(kind, raw[kind.name], ids, display_dir, problems)
    problems.raise_if_any()
    return Registries(records)


def _check_references(
    kind: RegistryKind,
    data: Any,
    ids: Mapping[str, Collection[str] | None],
    display_dir: str,
    problems: ProblemCollector,
) -> None:
    """Each field of `kind.references` names a record of its registry (when that one loaded)."""
    path = posixpath.join(display_dir, kind.file)
    for field_name, target_name in kind.references.items():
        target = registry_kind(target_name)
        known = ids.get(target_name)
        if known is None or not isinstance(data, LineList):
            continue  # the target's file is unreadable: its ids are unknown
        for raw in data:
            value = raw.get(field_name) if isinstance(raw, LineDict) else None
            if not isinstance(value, str) or value in known:
                continue
            problems.add(
                path,
                raw.line_of(field_name),
                f"{kind.record} '{raw.get('id')}' refers to the unknown {target.record} '{value}'",
                did_you_mean(value, known)
                or f"use the id of a {target.record} in {posixpath.join(display_dir, target.file)}",
            )
