"""The whole site's content and data, loaded and validated without MkDocs: `load_site()`.

Reads from mkdocs.yml what the build uses (docs_dir, the i18n plugin's languages and string
table, the registry's data folder, the press texts) and runs every loader in the build's
order — strings, registries, press texts, events, news — then the checks across them
(generated pages, navigation targets, slugs, images), collecting the problems of all of
them: the build and `nextsociety check` both call it, and report the same problems.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from nextsociety.model import markdown_files, urls
from nextsociety.model.anchors import MarkdownSettings, PageAnchors, markdown_settings
from nextsociety.model.body_links import (
    AnchorTargets,
    body_link_problems,
    built_paths,
    forget_body_links,
    page_sources,
    static_files,
)
from nextsociety.model.clock import build_instant
from nextsociety.model.containment import is_inside, link_problems
from nextsociety.model.errors import DataError, Problem, ProblemCollector, sorted_problems
from nextsociety.model.events import Event, is_event_source, load_events
from nextsociety.model.frontmatter import forget_sources, split_front_matter
from nextsociety.model.languages import CONFIG_PATH, Language, LanguageSet, parse_languages
from nextsociety.model.news import NewsItem, is_news_source, load_news
from nextsociety.model.press import Boilerplate, load_press
from nextsociety.model.publishing import publishing_problems, unloaded_publishing_problems
from nextsociety.model.references import KnownIds, known_ids, tag_ids
from nextsociety.model.registries.base import (
    Registries,
    load_registries,
    registry_kind,
    registry_kinds,
    vocabulary_keys,
)
from nextsociety.model.schema import check_plain_text, check_slug
from nextsociety.model.strings import StringTable, load_strings, missing_key_problems
from nextsociety.model.translations import localized_src_uri, split_language
from nextsociety.model.yamlio import LineDict, LineList, load_yaml, read_text

I18N, REGISTRY = "nextsociety/i18n", "nextsociety/registry"
EVENTS, NEWS = "nextsociety/events", "nextsociety/news"
NEWS_PER_PAGE = 10  # the news plugin's default `per_page`

T = TypeVar("T")


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
    config_file: str = CONFIG_PATH  # as messages name it
    news_per_page: int = NEWS_PER_PAGE
    markdown: MarkdownSettings = field(default_factory=lambda: markdown_settings(None))

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def news_enabled(self) -> bool:
        return self.press_file is not None


@dataclass(frozen=True)
class Site:
    """Every record of the site, validated; a loader whose plugin is not configured
    gives None/().
    """

    config: SiteConfig
    sources: Mapping[str, str]  # src_uri (relative to docs_dir) -> text of every Markdown file
    strings: StringTable
    registries: Registries | None
    press: Boilerplate | None
    events: tuple[Event, ...]
    news: tuple[NewsItem, ...]
    # src_uri -> the folder a page is published in, under its language's prefix, where it is
    # not MkDocs' default: a page with a `slug:`, every news item ('news/2018/<slug>/')
    paths: Mapping[str, str]
    now: dt.datetime  # the build's instant (`clock.build_instant()`), time-zone aware


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that has a mkdocs.yml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_PATH).is_file():
            return folder
    return None


def load_config(root: Path, config_file: str = CONFIG_PATH) -> SiteConfig:
    """Read mkdocs.yml in `root`; raise DataError when the plugins' settings are unusable."""
    raw = load_yaml(root / config_file, config_file, env_tags=True)
    problems = ProblemCollector()
    if not isinstance(raw, LineDict):
        problems.add(config_file, 1, f"{config_file} must be a mapping of settings")
        problems.raise_if_any()
    plugins = _plugin_options(raw)
    i18n = plugins.get(I18N)
    if i18n is None:
        problems.add(
            config_file,
            raw.line_of("plugins"),
            f"the {I18N} plugin is not configured",
            "add it under 'plugins:' with its languages",
        )
        problems.raise_if_any()
    assert i18n is not None
    raw_languages = i18n.get("languages")
    if not isinstance(raw_languages, Mapping):
        line = i18n.line_of("languages") if isinstance(i18n, LineDict) else None
        message = f"{I18N}: 'languages' must map each language code to its settings"
        problems.add(config_file, line, message)
        problems.raise_if_any()
    assert isinstance(raw_languages, Mapping)
    languages = parse_languages(str(i18n.get("default_language", "en")), raw_languages)
    registry, news = plugins.get(REGISTRY), plugins.get(NEWS)
    for option in ("per_page", "feed_size"):
        value = news.get(option) if news is not None else None
        if value is not None and (type(value) is not int or value < 1):
            line = news.line_of(option) if isinstance(news, LineDict) else None
            problems.add(config_file, line, f"{NEWS}: '{option}' must be a whole number, 1 or more")
    logo = news.get("logo") if news is not None else None
    docs_dir = str(raw.get("docs_dir") or "docs")
    if logo is not None and not (
        isinstance(logo, str) and is_inside(logo) and (root / docs_dir / logo).is_file()
    ):
        line = news.line_of("logo") if isinstance(news, LineDict) else None
        message = f"{NEWS}: 'logo' must be an image file in {docs_dir}/"
        problems.add(config_file, line, message, f"give its path from {docs_dir}/")
    problems.raise_if_any()
    return SiteConfig(
        root=root,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        languages=languages,
        strings_file=str(i18n.get("strings") or "data/site.yml"),
        data_dir=str(registry.get("data_dir") or "data") if registry is not None else None,
        press_file=str(news.get("press_texts") or "data/press.yml") if news is not None else None,
        events_enabled=EVENTS in plugins,
        navs={
            str(code): options.get("nav")
            for code, options in raw_languages.items()
            if isinstance(options, Mapping)
        },
        config_file=config_file,
        news_per_page=int(news.get("per_page") or NEWS_PER_PAGE) if news is not None else 0,
        markdown=markdown_settings(raw.get("markdown_extensions")),
    )


def _plugin_options(raw: LineDict) -> dict[str, Any]:
    """`plugins:` as a list (`- name` or `- name: {options}`) or a mapping, by plugin name;
    a plugin set to `enabled: false` counts as not configured."""
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
    return {name: options for name, options in found.items() if options.get("enabled") is not False}


def project_folders(config: SiteConfig) -> list[str]:
    """The folders the build reads and copies from, relative to the project root."""
    folders = [
        config.docs_dir,
        config.strings_file.rsplit("/", 1)[0] if "/" in config.strings_file else ".",
    ]
    if config.data_dir is not None:
        folders.append(config.data_dir)
    if (config.root / "overrides").is_dir():
        folders.append("overrides")
    return sorted({folder for folder in folders if folder != "."})


def read_sources(docs_path: Path, docs_dir: str, problems: ProblemCollector) -> dict[str, str]:
    """Every Markdown file under docs_dir by src_uri; hidden files are skipped, as MkDocs does.
    A file that cannot be read is a problem, and the others are still read."""
    sources: dict[str, str] = {}
    for folder, dirs, files in os.walk(docs_path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(docs_path).as_posix()
        for name in sorted(files):
            src_uri = name if relative == "." else f"{relative}/{name}"
            misnamed = markdown_files.name_problem(name, f"{docs_dir}/{src_uri}")
            if misnamed is not None:
                problems.extend([misnamed])
            elif name.endswith(".md") and not name.startswith("."):
                try:
                    text = read_text(Path(folder) / name, f"{docs_dir}/{src_uri}")
                except DataError as exc:
                    problems.extend(exc.problems)
                    continue
                problems.extend(markdown_files.text_problems(text, f"{docs_dir}/{src_uri}"))
                sources[src_uri] = text
    return sources


def load_site(
    root: Path,
    config_file: str = CONFIG_PATH,
    now: dt.datetime | None = None,
    *,
    remember: bool = False,
) -> tuple[Site | None, list[Problem]]:
    """Load and validate everything the build reads: the site, or None, and every problem.

    The one validation path: the build calls it first (and renders only a valid site), and
    `nextsociety check` calls it alone, so the two can never disagree. `now` is the build's
    instant (default: `build_instant()`): what is published at that instant must be finished.
    With `remember` (the preview, which loads the site again on every save), what was parsed
    of each file is kept for the next load, which parses only the files that changed.
    """
    try:
        return _load_site(root, config_file, now)
    finally:
        if not remember:
            forget_sources()
            forget_body_links()


def _load_site(
    root: Path, config_file: str, now: dt.datetime | None
) -> tuple[Site | None, list[Problem]]:
    try:
        config = load_config(root, config_file)
        now = now or build_instant()
    except DataError as exc:
        return None, sorted_problems(exc.problems)
    except ValueError as exc:  # a build date variable that is not a date
        return None, [Problem("environment", None, str(exc))]
    problems = ProblemCollector()
    problems.extend(link_problems(root, project_folders(config)))
    if problems.problems:  # nothing is read through a link that leaves the project
        return None, sorted_problems(problems.problems)
    sources = read_sources(config.docs_path, config.docs_dir, problems)
    strings, registries, press = _load_data(config, problems)
    known = _known_ids(config, registries, strings)
    events, news = _load_content(config, sources, known, problems)
    generated = generated_pages(config, registries, events or [], news or [])
    paths = _check_pages(config, sources, generated, problems)
    for item in news or []:
        for text in item.texts.values():
            paths[text.src_uri] = urls.news_item_path(item.year, text.slug)
    _check_navigation(config, sources, generated, problems)
    # with a registry or the events unloaded, the pages they generate are unknown: a link
    # that finds no page is not reported (no cascade), the others are
    complete = events is not None and (registries is not None or config.data_dir is None)
    problems.extend(_body_link_problems(config, sources, generated, news, now, complete))
    _check_images(config, sources, news or [], problems)
    if news is not None:
        problems.extend(publishing_problems(news, sources, config.docs_dir, now))
    else:  # another problem stopped the news: their unfinished files are still reported
        gate = unloaded_publishing_problems(sources, config.languages, config.docs_dir, now)
        problems.extend(gate)
    if problems or strings is None or events is None or news is None:
        return None, sorted_problems(problems.problems)
    site = Site(config, sources, strings, registries, press, tuple(events), tuple(news), paths, now)
    return site, []


def _attempt(load: Callable[[], T], problems: ProblemCollector) -> T | None:
    """What `load` returns, or None with its problems collected."""
    try:
        return load()
    except DataError as exc:
        problems.extend(exc.problems)
        return None


def _load_data(
    config: SiteConfig, problems: ProblemCollector
) -> tuple[StringTable | None, Registries | None, Boilerplate | None]:
    """The string table, the registries and the press texts."""
    strings = _attempt(lambda: _load_strings(config), problems)
    registries = _attempt(lambda: _load_registries(config), problems)
    problems.extend(_vocabulary_problems(config, strings, registries))
    if strings is not None:
        problems.extend(missing_key_problems(strings, _key_users(config), config.strings_file))
    press = _attempt(lambda: _load_press(config), problems)
    return strings, registries, press


def _load_content(
    config: SiteConfig, sources: Mapping[str, str], known: KnownIds, problems: ProblemCollector
) -> tuple[list[Event] | None, list[NewsItem] | None]:
    """Events, then the news items that may reference them.

    A registry or string table that failed to load still lists its ids in `known`: references
    to them are checked against the ids as written rather than all reported as unknown.
    """
    languages, docs_dir = config.languages, config.docs_dir
    events: list[Event] | None = []
    if config.events_enabled:
        event_sources = [(uri, text) for uri, text in sources.items() if is_event_source(uri)]
        events = _attempt(lambda: load_events(event_sources, languages, known, docs_dir), problems)
        event_ids: Collection[str] = (
            {e.id for e in events}
            if events is not None
            else _event_ids_as_named(event_sources, languages)
        )
        known = replace(known, events=event_ids)
    news: list[NewsItem] | None = []
    if config.news_enabled:
        news_sources = [(uri, text) for uri, text in sources.items() if is_news_source(uri)]
        news = _attempt(lambda: load_news(news_sources, languages, known, docs_dir), problems)
    return events, news


def _load_strings(config: SiteConfig) -> StringTable:
    return load_strings(
        config.root / config.strings_file, config.strings_file, config.languages.codes
    )


def _load_registries(config: SiteConfig) -> Registries | None:
    if config.data_dir is None:
        return None
    return load_registries(config.root / config.data_dir, config.languages, config.data_dir)


def _key_users(config: SiteConfig) -> list[tuple[Path, str]]:
    """The project's templates and the package's own code: where string keys are used."""
    templates = sorted((config.root / "overrides").rglob("*.html"))
    package = Path(__file__).resolve().parent.parent
    code = sorted(package.rglob("*.py"))
    return [(path, path.relative_to(config.root).as_posix()) for path in templates] + [
        (path, f"nextsociety/{path.relative_to(package).as_posix()}") for path in code
    ]


def _vocabulary_problems(
    config: SiteConfig, strings: StringTable | None, registries: Registries | None
) -> list[Problem]:
    """Every partner kind and cluster sector needs a label in the string table."""
    if strings is None or registries is None:
        return []
    missing = [key for key in vocabulary_keys() if key not in strings.strings]
    if not missing:
        return []
    labels = ", ".join(f"'{key}'" for key in missing)
    hint = "every kind and sector needs a label under 'strings:' in every language"
    return [Problem(config.strings_file, None, f"no translation for {labels}", hint)]


def _load_press(config: SiteConfig) -> Boilerplate | None:
    if config.press_file is None:
        return None
    return load_press(config.root / config.press_file, config.press_file, config.languages.codes)


def generated_pages(
    config: SiteConfig,
    registries: Registries | None,
    events: Sequence[Event],
    news: Sequence[NewsItem],
) -> dict[str, str]:
    """Page key -> what generates it, for every page the configured plugins generate."""
    pages: dict[str, str] = {}
    for kind in registry_kinds() if config.data_dir is not None else ():
        if not kind.pages:
            continue
        source = f"nextsociety/registry generates from {config.data_dir}/{kind.file}"
        pages[urls.registry_index_key(kind.name)] = source
        for extra in kind.extra_pages:
            pages[urls.registry_page_key(kind.name, extra.name)] = source
        for record_id in registries.get(kind.name) if registries is not None else ():
            pages[urls.record_page_key(kind.name, record_id)] = source
    if config.events_enabled:
        listing = "nextsociety/events generates as an events listing"
        pages[urls.EVENTS_INDEX] = listing
        for year in {event.year for event in events if event.year is not None}:
            pages[urls.events_year_key(year)] = listing
    if config.news_enabled:
        listing = "nextsociety/news generates as a news listing"
        page_count = max(1, -(-len(news) // config.news_per_page))
        for number in range(1, page_count + 1):
            pages[urls.news_list_key(number)] = listing
        for item in news:
            pages[urls.news_year_key(item.year)] = listing
            for tag in item.tags:
                pages[urls.news_tag_key(tag)] = listing
    return pages


class _Anything(Collection[str]):
    """Accepts every id: for references into a file that could not even be read as YAML."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _known_ids(
    config: SiteConfig, registries: Registries | None, strings: StringTable | None
) -> KnownIds:
    known = known_ids(registries, (), strings)
    if config.data_dir is not None and registries is None:
        folder = config.root / config.data_dir
        known = KnownIds(
            partners=_ids_as_written(folder / registry_kind("partners").file),
            clusters=_ids_as_written(folder / registry_kind("clusters").file),
            contacts=_ids_as_written(folder / registry_kind("contacts").file),
            tags=known.tags,
            media=_ids_as_written(folder / registry_kind("media").file),
        )
    if strings is None:
        try:
            table = load_yaml(config.root / config.strings_file, config.strings_file)
            tags: Collection[str] = tag_ids(table["strings"])
        except (DataError, TypeError, KeyError):
            tags = _Anything()
        known = replace(known, tags=tags)
    return known


def _ids_as_written(path: Path) -> Collection[str]:
    try:
        records = load_yaml(path, path.name)
    except DataError:
        return _Anything()
    if not isinstance(records, list):
        return _Anything()
    return {
        str(record["id"]) for record in records if isinstance(record, Mapping) and "id" in record
    }


def _event_ids_as_named(sources: list[tuple[str, str]], languages: LanguageSet) -> set[str]:
    """Event ids are their file names: `events/2018/<id>.md`."""
    ids = set()
    for src_uri, _text in sources:
        key, lang = split_language(src_uri, languages)
        if lang is languages.default:
            ids.add(posixpath.splitext(posixpath.basename(key))[0])
    return ids


def _check_pages(
    config: SiteConfig,
    sources: Mapping[str, str],
    generated: Mapping[str, str],
    problems: ProblemCollector,
) -> dict[str, str]:
    """Every other page: front matter parses, a `slug:` is a slug, its path is its own.

    Returns where pages with a `slug:` are published, by src_uri.
    """
    paths: dict[str, str] = {}
    keys = {split_language(src_uri, config.languages)[0] for src_uri in sources}
    for src_uri, text in sources.items():
        shown = posixpath.join(config.docs_dir, src_uri)
        key, lang = split_language(src_uri, config.languages)
        if key in generated:
            problems.add(
                shown, None, f"clashes with the page {generated[key]}", "remove or rename the file"
            )
            continue
        if lang is not config.languages.default and localized_src_uri(key, lang) in sources:
            other = localized_src_uri(key, lang)
            problems.add(
                shown, None, f"clashes with '{config.docs_dir}/{other}'", "rename one of them"
            )
        if (config.news_enabled and is_news_source(src_uri)) or (
            config.events_enabled and is_event_source(src_uri)
        ):
            continue  # their loaders check them
        try:
            meta = split_front_matter(text, shown).meta
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        _check_page_texts(meta, shown, problems)
        slug = meta.get("slug")
        if slug is not None:
            message = check_slug(slug)
            taken = _slug_taken(key, str(slug), keys, generated)
            if message or taken:
                problems.add(shown, meta.line_of("slug"), f"'slug': {message or taken}")
            else:
                paths[src_uri] = urls.slug_path(key, str(slug))
    return paths


def _check_page_texts(meta: LineDict, shown: str, problems: ProblemCollector) -> None:
    """A static page's title and description follow the rules of every plain-text field."""
    for key in ("title", "description"):
        value = meta.get(key)
        if key not in meta:
            continue
        message = check_plain_text(value) if isinstance(value, str) else "must be text"
        if value is None:
            message = "is empty; write the text, or remove the key"
        if message:
            problems.add(shown, meta.line_of(key), f"'{key}': {message}")


def _slug_taken(key: str, slug: str, keys: set[str], generated: Mapping[str, str]) -> str | None:
    """Whether `slug` would publish the page at the URL of another page (written or generated):
    MkDocs would write one over the other and one page would silently disappear."""
    parent = posixpath.dirname(key)
    for other in (posixpath.join(parent, slug + ".md"), posixpath.join(parent, slug, "index.md")):
        if other != key and (other in keys or other in generated):
            owner = generated.get(other) or f"'{other}'"
            return f"'{slug}' is the address of the page {owner}; choose another slug"
    return None


def _check_navigation(
    config: SiteConfig,
    sources: Mapping[str, str],
    generated: Mapping[str, str],
    problems: ProblemCollector,
) -> None:
    """Every page a language's navigation names exists in docs_dir, or is generated."""
    for lang in config.languages.languages:
        nav = config.navs.get(lang.code)
        if isinstance(nav, LineList):
            _check_nav_items(nav, lang, config, sources, generated, problems)


def _check_nav_items(
    items: LineList,
    lang: Language,
    config: SiteConfig,
    sources: Mapping[str, str],
    generated: Mapping[str, str],
    problems: ProblemCollector,
) -> None:
    for index, item in enumerate(items):
        if not isinstance(item, Mapping) or len(item) != 1:
            continue  # parse_languages reports the shape
        ((_title, target),) = item.items()
        if isinstance(target, LineList):
            _check_nav_items(target, lang, config, sources, generated, problems)
        elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
            translated = target[: -len(".md")] + f".{lang.code}.md"
            if target in sources or translated in sources or target in generated:
                continue
            problems.add(
                config.config_file,
                items.line_of(index),
                f"the {lang.name} navigation points to '{target}', which does not exist",
                f"create {config.docs_dir}/{target}, or fix the path: it is relative to "
                f"{config.docs_dir}/",
            )


def _body_link_problems(
    config: SiteConfig,
    sources: Mapping[str, str],
    generated: Mapping[str, str],
    news: Sequence[NewsItem] | None,
    now: dt.datetime,
    complete: bool,
) -> list[Problem]:
    """Links and images in bodies that the build would refuse, anchors included; the pages of
    drafts and embargoed items are left out, as the build leaves them out (all kept when the
    news could not be loaded: their own problems come first), and withdrawn items show no
    text, so no anchor."""
    unpublished = {
        text.src_uri
        for item in news or []
        if not item.is_public(now)
        for text in item.texts.values()
    }
    withdrawn = {
        text.src_uri for item in news or [] if item.withdrawn for text in item.texts.values()
    }
    statics = static_files(config.docs_path)
    built = built_paths(sources, generated, statics, config.languages, unpublished)
    pages = page_sources(sources, config.languages, unpublished)
    anchors = AnchorTargets(sources, pages, PageAnchors(config.markdown), withdrawn)
    return body_link_problems(
        sources, built, config.languages, config.docs_dir, unpublished, anchors, complete
    )


def _check_images(
    config: SiteConfig,
    sources: Mapping[str, str],
    news: Sequence[NewsItem],
    problems: ProblemCollector,
) -> None:
    """An item's image file stays inside docs_dir and exists (next to the item, or from
    docs_dir when written with a leading '/')."""
    for item in news:
        if not item.image or item.image_media:
            continue
        shown = posixpath.join(config.docs_dir, item.key)
        line = split_front_matter(sources[item.key], shown).meta.line_of("image")
        hint = "put the image next to the item and give its file name (or a path from "
        hint += f"{config.docs_dir}/ starting with '/')"
        path = item.image_file
        if path is None or not is_inside(path):
            problems.add(shown, line, f"image '{item.image}' is outside {config.docs_dir}/", hint)
        elif not (config.docs_path / path).is_file():
            problems.add(
                shown, line, f"image '{item.image}' is not a file in {config.docs_dir}/", hint
            )
