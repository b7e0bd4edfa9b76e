"""The whole site's content and data, loaded and validated without MkDocs: `load_site()`.

Reads from mkdocs.yml what the build uses (docs_dir, the i18n plugin's languages and string
table, the registry's data folder, the press texts) and runs every loader in the build's
order — strings, registries, press texts, events, news — collecting the problems of all of
them into one DataError, so `nextsociety check` reports every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from nextsociety.model.errors import DataError, ProblemCollector
from nextsociety.model.events import Event, is_event_source, load_events
from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import CONFIG_PATH, LanguageSet, parse_languages
from nextsociety.model.news import NewsItem, is_news_source, load_news
from nextsociety.model.press import Boilerplate, load_press
from nextsociety.model.references import KnownIds, known_ids, tag_ids
from nextsociety.model.registries import (
    CLUSTERS_FILE,
    CONTACTS_FILE,
    PARTNERS_FILE,
    Registries,
    load_registries,
    vocabulary_keys,
)
from nextsociety.model.schema import check_slug
from nextsociety.model.strings import StringTable, load_strings
from nextsociety.model.translations import split_language
from nextsociety.model.yamlio import LineDict, LineList, load_yaml

BUILD_DATE_ENV = "NEXTSOCIETY_BUILD_DATE"
SOURCE_DATE_EPOCH_ENV = "SOURCE_DATE_EPOCH"
I18N, REGISTRY, EVENTS, NEWS = "nextsociety/i18n", "nextsociety/registry", "nextsociety/events", "nextsociety/news"
# Folders whose pages the plugins generate: a navigation entry there needs no file in content/.
GENERATED_SECTIONS = ("partners/", "clusters/", "news/", "events/")

T = TypeVar("T")


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The build's "today": what is embargoed, what is upcoming, what is announced long ago.

    NEXTSOCIETY_BUILD_DATE (YYYY-MM-DD, for tests and previews) wins; else SOURCE_DATE_EPOCH
    (the reproducible-builds convention, a UTC day); else the clock.
    """
    value = environ.get(BUILD_DATE_ENV)
    try:
        if value:
            return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{BUILD_DATE_ENV}='{value}' is not a date (write YYYY-MM-DD)") from None
    epoch = environ.get(SOURCE_DATE_EPOCH_ENV)
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"{SOURCE_DATE_EPOCH_ENV}='{epoch}' is not a number of seconds since 1970") from None
    return dt.date.today()


@dataclass(frozen=True)
class SiteConfig:
    """What the build reads from mkdocs.yml; paths are relative to `root`, as editors see them."""

    root: Path  # the folder of mkdocs.yml
    docs_dir: str  # "content"
    languages: LanguageSet
    strings_file: str  # "data/site.yml"
    data_dir: str | None  # the registries' folder, None without the registry plugin
    press_file: str | None  # the press texts, None without the news plugin
    events_enabled: bool
    navs: Mapping[str, Any]  # language code -> the raw `nav:` list (with lines)

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir


@dataclass(frozen=True)
class Site:
    """Every record of the site, validated; a loader whose plugin is not configured gives None/()."""

    config: SiteConfig
    sources: Mapping[str, str]  # src_uri (relative to docs_dir) -> text of every Markdown file
    strings: StringTable
    registries: Registries | None
    press: Boilerplate | None
    events: tuple[Event, ...]
    news: tuple[NewsItem, ...]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that has a mkdocs.yml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_PATH).is_file():
            return folder
    return None


def load_config(root: Path) -> SiteConfig:
    """Read mkdocs.yml in `root`; raise DataError when the plugins' settings are unusable."""
    raw = load_yaml(root / CONFIG_PATH, CONFIG_PATH, env_tags=True)
    problems = ProblemCollector()
    if not isinstance(raw, LineDict):
        problems.add(CONFIG_PATH, 1, "mkdocs.yml must be a mapping of settings")
        problems.raise_if_any()
    plugins = _plugin_options(raw)
    i18n = plugins.get(I18N)
    if i18n is None:
        problems.add(CONFIG_PATH, raw.line_of("plugins"), f"the {I18N} plugin is not configured", "add it under 'plugins:' with its languages")
        problems.raise_if_any()
    assert i18n is not None
    raw_languages = i18n.get("languages")
    if not isinstance(raw_languages, Mapping):
        problems.add(CONFIG_PATH, i18n.line_of("languages") if isinstance(i18n, LineDict) else None, f"{I18N}: 'languages' must map each language code to its settings")
        problems.raise_if_any()
    assert isinstance(raw_languages, Mapping)
    languages = parse_languages(str(i18n.get("default_language", "en")), raw_languages)
    registry, news = plugins.get(REGISTRY), plugins.get(NEWS)
    return SiteConfig(
        root=root,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        languages=languages,
        strings_file=str(i18n.get("strings") or "data/site.yml"),
        data_dir=str(registry.get("data_dir") or "data") if registry is not None else None,
        press_file=str(news.get("press_texts") or "data/press.yml") if news is not None else None,
        events_enabled=EVENTS in plugins,
        navs={str(code): options.get("nav") for code, options in raw_languages.items() if isinstance(options, Mapping)},
    )


def _plugin_options(raw: LineDict) -> dict[str, Any]:
    """`plugins:` as a list (`- name` or `- name: {options}`) or a mapping, by plugin name."""
    entries = raw.get("plugins") or []
    if isinstance(entries, Mapping):
        entries = [{name: options} for name, options in entries.items()]
    found: dict[str, Any] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            found[entry] = LineDict()
        elif isinstance(entry, Mapping) and len(entry) == 1:
            ((name, options),) = entry.items()
            found[str(name)] = options if isinstance(options, Mapping) else LineDict()
    for options in found.values():
        if isinstance(options, LineDict) and not hasattr(options, "line"):
            options.line, options.key_lines = raw.line_of("plugins"), {}
    return found


def read_sources(docs_path: Path) -> dict[str, str]:
    """Every Markdown file under docs_dir by src_uri; hidden files are skipped, as MkDocs does."""
    sources: dict[str, str] = {}
    for folder, dirs, files in os.walk(docs_path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(docs_path).as_posix()
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                src_uri = name if relative == "." else f"{relative}/{name}"
                sources[src_uri] = (Path(folder) / name).read_text(encoding="utf-8-sig")
    return sources


def load_site(root: Path) -> Site:
    """Load and validate everything the build would; raise one DataError with every problem."""
    config = load_config(root)
    languages, codes = config.languages, config.languages.codes
    problems = ProblemCollector()

    def attempt(load: Callable[[], T]) -> T | None:
        try:
            return load()
        except DataError as exc:
            problems.extend(exc.problems)
            return None

    sources = read_sources(config.docs_path)
    strings = attempt(lambda: load_strings(root / config.strings_file, config.strings_file, codes))
    registries = None
    if config.data_dir is not None:
        data_dir = config.data_dir
        registries = attempt(lambda: load_registries(root / data_dir, languages, data_dir))
        if strings is not None and registries is not None:
            missing = [key for key in vocabulary_keys() if key not in strings.strings]
            if missing:
                problems.add(config.strings_file, None, "no translation for " + ", ".join(f"'{key}'" for key in missing), "every kind and sector needs a label under 'strings:' in every language")
    press = None
    if config.press_file is not None:
        press_file = config.press_file
        press = attempt(lambda: load_press(root / press_file, press_file, codes))
    # A registry or string table that failed to load still lists its ids: references to
    # them are checked against the ids as written rather than all reported as unknown.
    known = _known_ids(config, registries, strings)
    events: list[Event] | None = []
    if config.events_enabled:
        event_sources = [(uri, text) for uri, text in sources.items() if is_event_source(uri)]
        events = attempt(lambda: load_events(event_sources, languages, known, config.docs_dir))
        event_ids: Collection[str] = {e.id for e in events} if events is not None else _event_ids_as_named(event_sources, languages)
        known = KnownIds(known.partners, known.clusters, event_ids, known.contacts, known.tags)
    news: list[NewsItem] | None = []
    if config.press_file is not None:
        news_sources = [(uri, text) for uri, text in sources.items() if is_news_source(uri)]
        news = attempt(lambda: load_news(news_sources, languages, known, config.docs_dir))
    _check_pages(config, sources, problems)
    _check_navigation(config, sources, problems)
    _check_images(config, sources, news or [], problems)
    problems.raise_if_any()
    assert strings is not None and events is not None and news is not None
    return Site(config, sources, strings, registries, press, tuple(events), tuple(news))


class _Anything(Collection[str]):
    """Accepts every id: for references into a file that could not even be read as YAML."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _known_ids(config: SiteConfig, registries: Registries | None, strings: StringTable | None) -> KnownIds:
    known = known_ids(registries, (), strings)
    if config.data_dir is not None and registries is None:
        folder = config.root / config.data_dir
        known = KnownIds(
            partners=_ids_as_written(folder / PARTNERS_FILE),
            clusters=_ids_as_written(folder / CLUSTERS_FILE),
            contacts=_ids_as_written(folder / CONTACTS_FILE),
            tags=known.tags,
        )
    if strings is None:
        try:
            table = load_yaml(config.root / config.strings_file, config.strings_file)
            tags: Collection[str] = tag_ids(table["strings"])
        except (DataError, TypeError, KeyError):
            tags = _Anything()
        known = KnownIds(known.partners, known.clusters, known.events, known.contacts, tags)
    return known


def _ids_as_written(path: Path) -> Collection[str]:
    try:
        records = load_yaml(path, path.name)
    except DataError:
        return _Anything()
    if not isinstance(records, list):
        return _Anything()
    return {str(record["id"]) for record in records if isinstance(record, Mapping) and "id" in record}


def _event_ids_as_named(sources: list[tuple[str, str]], languages: LanguageSet) -> set[str]:
    """Event ids are their file names: `events/2018/<id>.md`."""
    ids = set()
    for src_uri, _text in sources:
        key, lang = split_language(src_uri, languages)
        if lang is languages.default:
            ids.add(posixpath.splitext(posixpath.basename(key))[0])
    return ids


def _check_pages(config: SiteConfig, sources: Mapping[str, str], problems: ProblemCollector) -> None:
    """Front matter of the other pages parses, and a `slug:` there is a slug (as the i18n plugin checks)."""
    for src_uri, text in sources.items():
        if is_news_source(src_uri) or is_event_source(src_uri):
            continue  # their loaders check them
        shown = posixpath.join(config.docs_dir, src_uri)
        try:
            meta = split_front_matter(text, shown).meta
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        slug = meta.get("slug")
        if slug is not None:
            message = check_slug(slug)
            if message:
                problems.add(shown, meta.line_of("slug"), f"'slug': {message}")


def _check_navigation(config: SiteConfig, sources: Mapping[str, str], problems: ProblemCollector) -> None:
    """Every page a language's navigation names exists in content/ (or is generated)."""
    for lang in config.languages.languages:
        nav = config.navs.get(lang.code)
        if isinstance(nav, LineList):
            _check_nav_items(nav, lang.code, lang.name, config, sources, problems)


def _check_nav_items(items: LineList, code: str, name: str, config: SiteConfig, sources: Mapping[str, str], problems: ProblemCollector) -> None:
    for index, item in enumerate(items):
        if not isinstance(item, Mapping) or len(item) != 1:
            continue  # parse_languages reports the shape
        ((_title, target),) = item.items()
        if isinstance(target, LineList):
            _check_nav_items(target, code, name, config, sources, problems)
        elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
            translated = target[: -len(".md")] + f".{code}.md"
            if target in sources or translated in sources or target.startswith(GENERATED_SECTIONS):
                continue
            problems.add(CONFIG_PATH, items.line_of(index), f"the {name} navigation points to '{target}', which does not exist", f"create {config.docs_dir}/{target}, or fix the path: it is relative to {config.docs_dir}/")


def _check_images(config: SiteConfig, sources: Mapping[str, str], news: list[NewsItem], problems: ProblemCollector) -> None:
    for item in news:
        if item.image and not (config.docs_path / item.image.lstrip("/")).is_file():
            shown = posixpath.join(config.docs_dir, item.key)
            meta = split_front_matter(sources[item.key], shown).meta
            problems.add(shown, meta.line_of("image"), f"image '{item.image}' is not a file in {config.docs_dir}/", "put the image in the folder and give its path from there")
