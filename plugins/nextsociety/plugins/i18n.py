"""The `nextsociety/i18n` plugin: one MkDocs build that publishes every language.

English sits at `/`, other languages under `/<code>/`. Translations are sibling files
(`about.fr.md`); a page without a translation is published from the default language's
source at the translated URL with a notice. Each page gets its language's navigation,
site name, footer and interface strings, a language switcher and hreflang alternates.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import gzip
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.anchors import heading_slug
from nextsociety.model.bidi import segments
from nextsociety.model.errors import DataError
from nextsociety.model.languages import Language, LanguageSet, NavEntry
from nextsociety.model.revisions import last_commit_days
from nextsociety.model.schema import plain_text
from nextsociety.model.site import load_site
from nextsociety.model.strings import PLACEHOLDERS, StringTable
from nextsociety.model.translations import localized_src_uri, split_language
from nextsociety.model.urls import NEWS_INDEX, absolute_url, page_url
from nextsociety.plugins import fragments
from nextsociety.plugins.services import PageIndex, SiteServices
from nextsociety.render.dates import long_date
from nextsociety.render.headings import isolate_heading_runs
from nextsociety.render.text import html_text

PLUGIN_NAME = "nextsociety/i18n"


class I18nConfig(Config):
    default_language = c.Type(str, default="en")
    languages = c.Type(dict)
    strings = c.Type(str, default="data/site.yml")  # the translation table, relative to mkdocs.yml


@dataclass(frozen=True)
class SwitchEntry:
    """One language in the switcher: where it goes and what kind of page that is."""

    lang: Language
    url: str
    kind: str  # "current", "translation", "fallback" (untranslated copy) or "home"


@dataclass(frozen=True)
class PageLanguage:
    """What the templates know about the language of the page they render."""

    lang: Language
    strings: StringTable
    switcher: tuple[SwitchEntry, ...]
    fallback_from: Language | None  # the language the content is really in, if untranslated
    home_url: str
    # key -> escaped string, shared by the pages of the language (a page asks for ~40 strings)
    escaped: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)

    def t(self, key: str, **values: str) -> Markup:
        """Our interface string `key` in the page's language, with `{name}` placeholders filled:
        text, escaped for HTML with its values (templates render without autoescaping)."""
        if key in PLACEHOLDERS:
            return Markup(escape(self.strings.get(key, self.lang.code))).format(**values)
        string = self.escaped.get(key)
        if string is None:
            string = self.escaped[key] = escape(self.strings.get(key, self.lang.code))
        return string

    @property
    def news_url(self) -> str:
        """The news list in the page's language (the search box's fallback without JavaScript)."""
        return page_url(NEWS_INDEX, self.lang)

    def language_name(self, code: str) -> str:
        """A language's name in the page's language, from CLDR ("anglais", "الإنجليزية")."""
        return self.lang.locale.languages.get(code, code)


class I18nPlugin(BasePlugin[I18nConfig]):
    """Publishes every configured language from one build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self.navs: dict[str, Navigation] = {}
        self.preview = False
        self.live = False  # set by `nextsociety serve` (cli/live.py): see SiteServices.live
        self._site_url = ""
        self._env: Environment | None = None
        self.fragments = fragments.FragmentCache()  # navigation and tabs, once per folder
        self._files: Files | None = None
        self._root = Path(".")
        self._revisions: dict[str, dt.date] = {}  # source path -> day of its last commit
        self._escaped: dict[str, dict[str, Markup]] = {}  # PageLanguage.escaped, by language

    # -- configuration -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = command == "serve"  # drafts and embargoed items are shown, with a banner

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate the whole site first: the build stops here with every problem."""
        config_path = Path(config.config_file_path or "mkdocs.yml").resolve()
        site, problems = load_site(config_path.parent, config_path.name, remember=self.preview)
        if site is None:
            raise PluginError(DataError(problems).report())
        self._root = config_path.parent
        self._revisions = last_commit_days(self._root)
        self._escaped = {}  # the strings of this load
        pages = PageIndex(site.config.languages)
        live = self.preview and self.live
        self.services = SiteServices(site, self.preview, pages, live=live)
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml: site_url is required: hreflang alternates and the sitemap need "
                "absolute URLs (a path such as https://example.org/nextsociety/ is fine)"
            )
        self._site_url = config.site_url
        assert self.languages is not None
        config.theme["language"] = self.languages.default.code
        toc = config.mdx_configs.setdefault("toc", {})  # MkDocs always loads the toc extension
        if isinstance(toc, dict):  # anchors of Arabic headings in their own letters, not `_1`
            toc.setdefault("slugify", heading_slug)
        # Material shows its language switcher only when `extra.alternate` is set; each page
        # gets its own list (hreflang, absolute) in on_page_context.
        config.extra["alternate"] = self._alternates_for_home()
        return config

    @property
    def site(self) -> SiteServices:
        assert self.services is not None, "on_config has not run"
        return self.services

    @property
    def languages(self) -> LanguageSet | None:
        return self.services.languages if self.services is not None else None

    @property
    def strings(self) -> StringTable | None:
        return self.services.strings if self.services is not None else None

    @property
    def pages(self) -> PageIndex:
        return self.site.pages

    def _alternates_for_home(self) -> list[dict[str, str]]:
        assert self.languages is not None
        return [
            {
                "name": lang.name,
                "link": absolute_url(self._site_url, lang.prefix),
                "lang": lang.code,
            }
            for lang in self.languages.languages
        ]

    # -- files: translations and fallbacks ------------------------------------------------

    @event_priority(100)  # first: later plugins add their pages to the remapped tree
    def _map_translations(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.languages is not None
        paths = self.site.site.paths  # validated by load_site: clashes are reported there
        self.site.pages = PageIndex(self.languages)  # `mkdocs serve` maps files again
        for file in list(files.documentation_pages()):
            key, lang = split_language(file.src_uri, self.languages)
            if lang is self.languages.default:
                target = file
            else:
                files.remove(file)
                target = File.generated(
                    config, localized_src_uri(key, lang), abs_src_path=file.abs_src_path or ""
                )
                target.edit_uri = file.src_uri  # "Edit this page" opens the real source file
                files.append(target)
            path = paths.get(file.src_uri)
            if path is not None:
                target.dest_uri = _dest_of(lang.prefix + path, config.use_directory_urls)
                target.url = _url_of(target.dest_uri, config.use_directory_urls)
            self.pages.register(key, lang, target)
        _share_static_files(files, config, self.languages)
        return files

    @event_priority(-100)  # last: every plugin has registered its pages by now
    def _add_fallbacks(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.languages is not None
        default = self.languages.default
        by_src = files.src_uris
        for key, group in sorted(self.pages.groups.items()):
            original = group.variants.get(default.code)
            if original is None:
                continue  # no default-language source: the switcher sends readers home instead
            source = by_src[localized_src_uri(key, default)]
            for lang in self.languages.languages[1:]:
                if lang.code in group.variants:
                    continue
                uri = localized_src_uri(key, lang)
                if source.abs_src_path:
                    copy_file = File.generated(config, uri, abs_src_path=source.abs_src_path)
                else:
                    copy_file = File.generated(config, uri, content=source.content_string)
                copy_file.edit_uri = source.edit_uri
                copy_file.dest_uri = lang.prefix + source.dest_uri  # the original's slug, if any
                copy_file.url = _url_of(copy_file.dest_uri, config.use_directory_urls)
                files.append(copy_file)
                self.pages.register(key, lang, copy_file, fallback_from=default)
        self._files = files
        return files

    on_files = CombinedEvent(_map_translations, _add_fallbacks)

    # -- navigation ------------------------------------------------------------------------

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.languages is not None
        self.navs = {}
        for lang in self.languages.languages:
            items = self._nav_items(lang.nav, lang, files)
            pages = _pages_in(items)
            for previous, current in zip([None, *pages], pages):
                current.previous_page = previous
                if previous is not None:
                    previous.next_page = current
            if pages:
                pages[-1].next_page = None
            language_nav = Navigation(items, pages)
            home = files.src_uris.get(localized_src_uri("index.md", lang))
            language_nav.homepage = home.page if home is not None else None
            self.navs[lang.code] = language_nav
        # Pages outside their language's navigation (news items, events, registry pages) would
        # keep MkDocs' links from its all-languages navigation, which cross languages.
        in_nav = {id(page) for language_nav in self.navs.values() for page in language_nav.pages}
        for file in files.documentation_pages():
            if file.page is not None and id(file.page) not in in_nav:
                file.page.previous_page = file.page.next_page = None
                file.page.parent = None
        return nav

    def _nav_items(self, entries: tuple[NavEntry, ...], lang: Language, files: Files) -> list[Any]:
        items: list[Any] = []
        for entry in entries:
            if entry.children:
                section = Section(entry.title, self._nav_items(entry.children, lang, files))
                for child in section.children:
                    child.parent = section
                items.append(section)
            elif entry.target and entry.target.endswith(".md"):
                file = files.src_uris.get(localized_src_uri(entry.target, lang))
                if file is None or file.page is None:
                    # load_site() checked every target against the pages the plugins generate
                    raise PluginError(
                        f"{PLUGIN_NAME}: no page for the navigation entry '{entry.target}' in "
                        f"{lang.name}: a defect of the generator, please report it"
                    )
                page = file.page
                page.title = entry.title
                page.parent = None
                items.append(page)
            else:
                items.append(Link(entry.title, entry.target or ""))
        return items

    # -- rendering -------------------------------------------------------------------------

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self._env = env
        env.bytecode_cache = COMPILED_TEMPLATES
        env.autoescape = own_templates_autoescape(config.theme.custom_dir)
        self.fragments.clear()
        fragments.install(env, config.theme.custom_dir, list(config.theme.dirs), self.fragments)
        env.filters["bidi"] = isolate_latin
        env.filters["plain"] = html_text
        return env

    def page_language(self, src_uri: str) -> PageLanguage:
        """The language context of a page, by its (remapped) source path."""
        assert self.languages is not None and self.strings is not None
        key, code = self.pages.keys.get(src_uri, (src_uri, self.languages.default.code))
        lang = self.languages.get(code)
        group = self.pages.groups.get(key)
        variant = group.variants.get(code) if group else None
        switcher = []
        for other in self.languages.languages:
            target = group.variants.get(other.code) if group else None
            if other is lang:
                switcher.append(
                    SwitchEntry(other, variant.url if variant else other.prefix, "current")
                )
            elif target is None:
                switcher.append(SwitchEntry(other, other.prefix or "./", "home"))
            else:
                switcher.append(
                    SwitchEntry(
                        other, target.url, "translation" if target.is_translation else "fallback"
                    )
                )
        return PageLanguage(
            lang=lang,
            strings=self.strings,
            switcher=tuple(switcher),
            fallback_from=variant.fallback_from if variant else None,
            home_url=lang.prefix or "./",
            escaped=self._escaped.setdefault(code, {}),
        )

    def hreflang_alternates(self, src_uri: str) -> list[dict[str, str]]:
        """Absolute alternates of a page: each real translation, then x-default."""
        assert self.languages is not None
        key, _ = self.pages.keys.get(src_uri, (src_uri, ""))
        group = self.pages.groups.get(key)
        if group is None:
            return []
        translations = group.translations(self.languages)
        alternates = [
            {"name": v.lang.name, "link": absolute_url(self._site_url, v.url), "lang": v.lang.code}
            for v in translations
        ]
        default = group.variants.get(self.languages.default.code)
        x_default = (
            default
            if default and default.is_translation
            else (translations[0] if translations else None)
        )
        if x_default is not None:
            alternates.append(
                {
                    "name": x_default.lang.name,
                    "link": absolute_url(self._site_url, x_default.url),
                    "lang": "x-default",
                }
            )
        return alternates

    def language_config(
        self, config: MkDocsConfig, lang: Language, alternates: list[dict[str, str]]
    ) -> MkDocsConfig:
        """A shallow copy of the config as templates of one language should see it."""
        local = copy.copy(config)
        local["site_name"] = lang.site_name
        local["site_description"] = lang.site_description or config.site_description
        local["copyright"] = lang.copyright or config.copyright
        extra = dict(config.extra)
        extra["alternate"] = alternates
        local["extra"] = extra
        return local

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """The toc extension's heading-anchor tooltip in the page's language, not its English;
        Latin runs of headings isolated in right-to-left text."""
        toc = config.mdx_configs.get("toc") or {}
        english = str(toc.get("permalink_title", "Permanent link"))
        info = self.page_language(page.file.src_uri)
        html = localize_permalinks(html, english, info.t("toc.permalink_title"))
        if (info.fallback_from or info.lang).direction == "rtl":
            html = isolate_heading_runs(html)
        return html

    def last_updated(self, page: Page, config: MkDocsConfig) -> dt.date | None:
        """When the page's content last changed: front matter `updated:`, else its file's
        last commit.

        Registry pages name their data file through `edit_uri`; listings have no one source.
        """
        written = page.meta.get("updated")
        if isinstance(written, dt.date):
            return written
        if isinstance(written, str):
            try:
                return dt.date.fromisoformat(written)
            except ValueError:
                pass
        source = page.file.abs_src_path
        if not source and page.file.edit_uri:
            source = os.path.join(config.docs_dir, page.file.edit_uri)
        if not source:
            return None
        return self._revisions.get(Path(os.path.relpath(source, self._root)).as_posix())

    @event_priority(-100)  # last: news and events set the description from their summary first
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Front matter `title` and `description` are plain text; MkDocs and Material treat a
        page's title and description as HTML and print them unescaped (`<title>`, header,
        `<meta name="description">`, navigation). Escaped here, once, for every page."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if value is not None and not isinstance(value, Markup):
                page.meta[key] = escape(plain_text(str(value)))
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        info = self.page_language(page.file.src_uri)
        if info.fallback_from is not None:
            # The untranslated copy points search engines to the original.
            key, _ = self.pages.keys[page.file.src_uri]
            original = self.pages.groups[key].variants[info.fallback_from.code]
            page.canonical_url = absolute_url(self._site_url, original.url)
        values["i18n"] = info
        updated = self.last_updated(page, config)
        values["last_updated"] = long_date(updated, info.lang.locale) if updated else None
        values["last_updated_iso"] = updated.isoformat() if updated else None
        values["nav"] = self.navs.get(info.lang.code, nav)
        values["config"] = self.language_config(
            config, info.lang, self.hreflang_alternates(page.file.src_uri)
        )
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        assert self.languages is not None
        if template_name == "sitemap.xml":
            values["sitemap"] = self.sitemap_entries()
        elif template_name == "404.html":
            self._not_found_context(context, self.languages.default, config)
        return context

    def _not_found_context(
        self, context: TemplateContext, lang: Language, config: MkDocsConfig
    ) -> None:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        assert self.strings is not None
        values["i18n"] = PageLanguage(
            lang=lang,
            strings=self.strings,
            switcher=tuple(
                SwitchEntry(other, other.prefix or "./", "current" if other is lang else "home")
                for other in self.languages.languages  # type: ignore[union-attr]
            ),
            fallback_from=None,
            home_url=lang.prefix or "./",
        )
        values["nav"] = self.navs.get(lang.code, values.get("nav"))
        values["config"] = self.language_config(config, lang, [])
        if lang is self.languages.default:  # type: ignore[union-attr]
            # Static hosts answer every missing path with the root 404.html: it shows the
            # page's language's own 404 for a path under /fr/ or /ar/.
            base = _url_path(config.site_url or "/")
            values["not_found_pages"] = {
                base + other.prefix: base + other.prefix + "404.html"
                for other in self.languages.languages[1:]  # type: ignore[union-attr]
            }

    def sitemap_entries(self) -> list[dict[str, Any]]:
        """One entry per real translation, each carrying its group's alternates."""
        assert self.languages is not None
        entries = []
        for key in sorted(self.pages.groups):
            if key in self.site.withdrawn_keys:
                continue  # its page stays, with a notice, but it is no longer announced
            group = self.pages.groups[key]
            for variant in group.translations(self.languages):
                src_uri = localized_src_uri(key, variant.lang)
                entries.append(
                    {
                        "loc": absolute_url(self._site_url, variant.url),
                        "alternates": self.hreflang_alternates(src_uri),
                    }
                )
        return entries

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.languages is not None and self._env is not None and self._files is not None
        # A 404 page per language, rendered like MkDocs renders the default one (absolute URLs).
        template = self._env.get_template("404.html")
        base_url = _url_path(config.site_url or "/")
        for lang in self.languages.languages[1:]:
            nav = self.navs[lang.code]
            context = get_context(nav, self._files, config, base_url=base_url)
            self._not_found_context(context, lang, config)
            output = template.render(context)
            write_file(
                output.encode("utf-8"), os.path.join(config.site_dir, lang.prefix, "404.html")
            )
        _regzip_sitemap(config.site_dir)


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, by name and source (Jinja's own key): a template is
    compiled once per process, not again when Jinja's cache of 400 templates (Material's
    icons count) lets it go, nor when the preview loads the site again after a save."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def own_templates_autoescape(custom_dir: str | None) -> Callable[[str | None], bool]:
    """Jinja's autoescape choice: on for our templates in overrides/, off for Material's.

    MkDocs renders without autoescaping and Material's templates are written for that; ours
    escape every value they print, so only markup made on purpose (`Markup`, `| safe`, the
    page's converted Markdown) reaches the page as HTML.
    """
    root = Path(custom_dir) if custom_dir else None
    ours = (
        frozenset(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
        if root
        else frozenset()
    )

    def autoescape(name: str | None) -> bool:  # asked for every template context: a set lookup
        return name in ours

    return autoescape


@functools.lru_cache(maxsize=1 << 16)  # titles and names come back on many pages
def isolate_latin(text: str, direction: str = "ltr") -> Markup:
    """Jinja filter `bidi`: escape `text`; in rtl text wrap each Latin run in <bdi>."""
    return Markup("").join(
        Markup("<bdi>{}</bdi>").format(part.text) if part.isolate else escape(part.text)
        for part in segments(str(text), direction)
    )


def _share_static_files(files: Files, config: MkDocsConfig, languages: LanguageSet) -> None:
    """Translations (and fallback copies) share the original's images: `![…](photo.jpg)` in
    `news/2018/x.fr.md` is resolved from `fr/news/2018/`, so each image of docs_dir gets an
    alias there that publishes nothing new: same file, same URL as the original."""
    docs_dir = os.path.abspath(config.docs_dir)
    for file in [f for f in files if not f.is_documentation_page()]:
        source = os.path.abspath(file.abs_src_path or "")
        if file.generated_by or not source.startswith(docs_dir + os.sep):
            continue
        for lang in languages.languages[1:]:
            uri = lang.prefix + file.src_uri
            if files.get_file_from_path(uri) is not None:
                continue  # a file the translation gives itself
            alias = File.generated(config, uri, abs_src_path=source)
            alias.dest_uri, alias.url = file.dest_uri, file.url
            files.append(alias)


def _dest_of(folder: str, use_directory_urls: bool) -> str:
    """The output file of a page published in `folder` ('fr/a-propos/')."""
    return folder + "index.html" if use_directory_urls else folder.rstrip("/") + ".html"


def _url_of(dest_uri: str, use_directory_urls: bool) -> str:
    if use_directory_urls and dest_uri.endswith("/index.html"):
        return dest_uri[: -len("index.html")]
    return dest_uri


def _url_path(site_url: str) -> str:
    return urlsplit(site_url).path or "/"


def _pages_in(items: list[Any]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_in(item.children))
    return pages


def _regzip_sitemap(site_dir: str) -> None:
    """MkDocs stamps sitemap.xml.gz with the build time; rewrite it with a fixed one."""
    xml = Path(site_dir, "sitemap.xml")
    if not xml.exists():
        return
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename="sitemap.xml", mode="wb", mtime=0) as gz:
        gz.write(xml.read_bytes())
    Path(site_dir, "sitemap.xml.gz").write_bytes(buffer.getvalue())


def localize_permalinks(html: str, english: str, title: str) -> str:
    """Replace the `title` the toc extension gives every heading anchor (`class="headerlink"`)."""
    pattern = re.compile(
        r'(<a class="headerlink" href="[^"]*" title=")' + re.escape(str(escape(english))) + '"'
    )
    replacement = str(escape(title))
    return pattern.sub(lambda m: m.group(1) + replacement + '"', html)


def site_services(config: MkDocsConfig, name: str) -> SiteServices:
    """The services of this build, for plugin `name` (from its `on_config`).

    The i18n plugin creates them, so it must be listed, and listed before `name`.
    """
    names = list(config.plugins)
    owners = [key for key, plugin in config.plugins.items() if isinstance(plugin, I18nPlugin)]
    if not owners:
        raise PluginError(
            f"{name} needs the {PLUGIN_NAME} plugin: add it to 'plugins' in mkdocs.yml"
        )
    owner = config.plugins[owners[0]]
    assert isinstance(owner, I18nPlugin)
    if names.index(owners[0]) > names.index(name) or owner.services is None:
        raise PluginError(
            f"mkdocs.yml: list {PLUGIN_NAME} before {name} under 'plugins:' "
            "(it loads the site that every other plugin works on)"
        )
    return owner.services
