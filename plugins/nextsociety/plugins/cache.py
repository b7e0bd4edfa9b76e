"""The `nextsociety/cache` plugin: each page's Markdown converted once, then kept until it changes.

Converting Markdown is a fifth of a build's work, and between two builds nearly every page is
the same. Like Sphinx's environment, this keeps what MkDocs' `Page.render` makes of a page (its
HTML, table of contents, title, anchors and links to anchors) in `cache_dir`, outside `site/`,
under a key made of everything the conversion reads: the page's Markdown after the plugins'
`on_page_markdown`, its source path and URL, the Markdown extensions and their settings, the
link validation settings and the versions of MkDocs and Python-Markdown. A page's links to
other pages are looked up in the site's files during the conversion: each lookup is kept with
the entry and asked again on the next build, so a page is converted again when a page it links
to moves or disappears. A conversion that logs anything (a broken link, an unknown anchor) is
never kept, so its warning is given again on every build until it is fixed.

A damaged or unreadable entry is converted again. Entries not used for `max_age_days` are
removed after a build. `enabled: false` (or NEXTSOCIETY_CACHE=false) converts every page.

The compiled templates are kept there too (Jinja's bytecode, checked by Jinja against each
template's source), so that each process of a build loads them instead of compiling them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import markdown
import mkdocs
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

log = get_plugin_logger("nextsociety/cache")
FORMAT = 1  # the entries' layout: a new number makes every entry a miss

Entry = dict[str, Any]
Target = list[Any] | None  # [url, excluded] of a looked-up file, None when there is none


class CacheConfig(Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/nextsociety")  # relative to mkdocs.yml, not in site/
    max_age_days = c.Type(int, default=30)  # entries unused this long are removed


class CachePlugin(BasePlugin[CacheConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._settings = ""  # the digest of what every page's conversion shares
        self.converted = 0  # pages converted by the last build (the others came from the cache)
        self.reused = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.enabled:
            root = Path(config.config_file_path or ".").parent
            self._folder = root / self.config.cache_dir / "pages"
            self._settings = _settings_digest(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.converted = self.reused = 0

    @event_priority(-50)  # after nextsociety/i18n, which keeps compiled templates in memory
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self._folder is not None:
            env.bytecode_cache = _CompiledOnDisk(env.bytecode_cache, self._folder.parent)
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if self._folder is not None:
            original = functools.partial(type(page).render, page)  # MkDocs' own, or ProperDocs'
            page.render = self._cached(page, original)  # type: ignore[method-assign]
        return page

    def _cached(self, page: Page, original: Callable[[MkDocsConfig, Files], None]) -> Any:
        def render(config: MkDocsConfig, files: Files) -> None:
            assert self._folder is not None and page.markdown is not None
            path = self._folder / f"{_page_key(self._settings, page)}.json.z"
            entry = _read(path)
            if entry is not None and _still_valid(entry, files):
                _apply(entry, page, files)
                _touch(path)
                self.reused += 1
                return
            recording = _RecordingFiles(files)
            with _logged(page) as records:
                original(config, recording)  # type: ignore[arg-type]
            self.converted += 1
            if not records:
                _write(path, _entry(page, recording.lookups))

        return render

    # nextsociety/parallel: a worker's counts, for the main process's report
    def page_work(self) -> tuple[int, int]:
        return self.converted, self.reused

    def merge_page_work(self, work: tuple[int, int]) -> None:
        self.converted += work[0]
        self.reused += work[1]

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._folder is None:
            return
        removed = _remove_unused(self._folder, self.config.max_age_days * 86400)
        log.info(
            f"{self.converted + self.reused} pages: {self.converted} converted, "
            f"{self.reused} from the cache" + (f"; {removed} unused removed" if removed else "")
        )


class _CompiledOnDisk(BytecodeCache):
    """Compiled templates kept in `folder` too: every process of a build (and the next build)
    loads them instead of compiling sixty templates again. Jinja checks each one against its
    template's source and its own version; `memory` (if any) is asked first."""

    def __init__(self, memory: BytecodeCache | None, folder: Path) -> None:
        self._memory = memory
        self._folder = folder / "templates"

    def load_bytecode(self, bucket: Bucket) -> None:
        if self._memory is not None:
            self._memory.load_bytecode(bucket)
            if bucket.code is not None:
                return
        try:
            with open(self._folder / f"{bucket.key}.jinja", "rb") as stored:
                bucket.load_bytecode(stored)
        except (OSError, ValueError, EOFError):
            bucket.reset()
            return
        if bucket.code is not None and self._memory is not None:
            self._memory.dump_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self._memory is not None:
            self._memory.dump_bytecode(bucket)
        _write_bytes(self._folder / f"{bucket.key}.jinja", bucket.bytecode_to_string())


def _settings_digest(config: MkDocsConfig) -> str:
    """What every page's conversion depends on besides the page itself."""
    settings = {
        "format": FORMAT,
        "mkdocs": mkdocs.__version__,
        "markdown": markdown.__version__,
        "extensions": [_describe(ext) for ext in config.markdown_extensions],
        "configs": _describe(config.mdx_configs),
        "validation": _describe(config.validation),
        "use_directory_urls": config.use_directory_urls,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def _describe(value: Any) -> Any:
    """A setting as JSON: a function by its module's source (a slugify changed, anchors change),
    anything else without a stable description by its identity (never reused)."""
    if isinstance(value, Mapping):  # MkDocs' sub-configs (validation) included
        return {str(key): _describe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_describe(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if callable(value) and hasattr(value, "__qualname__"):
        module = sys.modules.get(getattr(value, "__module__", ""), None)
        source = Path(getattr(module, "__file__", "") or "")
        code = hashlib.sha256(source.read_bytes()).hexdigest() if source.is_file() else id(value)
        return f"{value.__module__}.{value.__qualname__}:{code}"
    return f"{type(value).__qualname__}@{id(value)}"


def _page_key(settings: str, page: Page) -> str:
    file = page.file
    parts = (settings, file.src_uri, file.dest_uri, file.url, page.markdown or "")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class _RecordingFiles:
    """The site's files as the conversion sees them, each lookup of a link's target noted."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, Target] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.lookups[path] = _target(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def _target(file: File | None) -> Target:
    return None if file is None else [file.url, file.inclusion.is_excluded()]


@contextmanager
def _logged(page: Page) -> Iterator[list[logging.LogRecord]]:
    """The records MkDocs' page module logs while converting (broken links, unknown anchors)."""
    handler = _Records()
    logger = logging.getLogger(type(page).__module__)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _entry(page: Page, lookups: dict[str, Target]) -> Entry:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": [_toc_token(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None
        if links is None
        else [
            [file.src_uri, anchor, url]
            for file, pairs in links.items()
            for anchor, url in pairs.items()
        ],
        "lookups": lookups,
    }


def _toc_token(item: AnchorLink) -> dict[str, Any]:
    children = [_toc_token(child) for child in item.children]
    return {"name": item.title, "id": item.id, "level": item.level, "children": children}


def _still_valid(entry: Entry, files: Files) -> bool:
    """Every link target the conversion looked up is where it was (or still missing)."""
    lookups: dict[str, Target] = entry["lookups"]
    return all(_target(files.get_file_from_path(path)) == was for path, was in lookups.items())


def _apply(entry: Entry, page: Page, files: Files) -> None:
    """What `Page.render` sets, from the entry."""
    page.content = entry["content"]
    page.toc = sys.modules[type(page).__module__].get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if entry["links"] is None:
        page.links_to_anchors = None
        return
    links: dict[File, dict[str, str]] = {}
    for src_uri, anchor, url in entry["links"]:
        target = files.get_file_from_path(src_uri)
        if target is not None:
            links.setdefault(target, {})[anchor] = url
    page.links_to_anchors = links


def _read(path: Path) -> Entry | None:
    try:
        entry = json.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, zlib.error):
        return None  # not there, or damaged: converted again
    return entry if isinstance(entry, dict) and entry.get("lookups") is not None else None


def _write(path: Path, entry: Entry) -> None:
    _write_bytes(path, zlib.compress(json.dumps(entry, ensure_ascii=False).encode(), 1))


def _write_bytes(path: Path, data: bytes) -> None:
    """Written whole, then renamed into place: another process never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as exc:  # a full or read-only disk: the build goes on without the cache
        log.debug(f"{path}: not kept ({exc})")


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _remove_unused(folder: Path, max_age: float) -> int:
    """Remove the entries not used for `max_age` seconds; returns how many."""
    oldest = time.time() - max_age
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.stat().st_mtime < oldest:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
