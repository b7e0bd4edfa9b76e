"""The `nextsociety/parallel` plugin: the languages of one build rendered side by side.

MkDocs converts and renders pages one after the other, on one core. The pages of one language
depend on the other languages only through what every process already has when the pages
start: the validated site, the files and the navigation. So once the navigation is made
(`on_nav`, last of all plugins), the build forks one worker process per language other than
the default one. Each process then reads, converts, renders and writes only its language's
pages (MkDocs' own loops, over `files.documentation_pages()`, which is narrowed to the
process's share); the main process keeps the default language, the theme's static files and
templates, and everything of `on_post_build`.

What page events gather for the end of the build (a feed entry's HTML, the social cards and
PDFs a page needs, a language's search index) is handed back by each plugin that gathers
something: it implements `PageWork` (`page_work()` in the worker, `merge_page_work()` in the
main process), and the worker sends it, pickled, through a pipe. Warnings a worker logged
are counted in the main process (so `--strict` fails on them), and an exception in a worker
is raised again in the main process. The built site is byte-identical to a build in one
process (`tests/test_parallel.py`).

The workers are plain `os.fork()` children: they start with the main process's memory, copy
on write, and end with `os._exit()` (no exit handlers of the main process run twice). Only
`mkdocs build` (and `gh-deploy`) fork, on a machine with more than one core, with
`parallel: true` (the default), and only while the main process runs a single thread; the
preview (`serve`) builds in one process.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.services import SiteServices

PLUGIN_NAME = "nextsociety/parallel"
COMMANDS = ("build", "gh-deploy")  # the commands that may fork; `serve` never does
ENGINE_LOGGERS = ("mkdocs", "properdocs")  # where the strict mode's warning counter listens

log = get_plugin_logger(__name__)


@runtime_checkable
class PageWork(Protocol):
    """A plugin whose page events gather something that its `on_post_build` uses."""

    def page_work(self) -> Any:
        """In a worker, after its pages: what they gathered (picklable)."""

    def merge_page_work(self, work: Any) -> None:
        """In the main process, before `on_post_build`: add a worker's `page_work()`."""


class ParallelConfig(Config):
    parallel = c.Type(bool, default=True)


@dataclass
class Worker:
    """A forked worker, seen from the main process."""

    pid: int
    language: str
    pipe: int  # read end: the worker's report, pickled, then end of file


@dataclass
class Report:
    """What a worker sends back: each plugin's page work, its warnings, or its error."""

    work: dict[str, Any] = field(default_factory=dict)
    warnings: dict[int, int] = field(default_factory=dict)  # log level -> count
    error: BaseException | None = None


class ParallelPlugin(BasePlugin[ParallelConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.services: SiteServices | None = None
        self.workers: list[Worker] = []
        self.language: str | None = None  # in a worker: the language it builds
        self._report: int | None = None  # in a worker: the write end of its pipe

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        return config

    # -- forking ------------------------------------------------------------------------------

    @event_priority(-200)  # after every plugin's on_nav: the navigation is complete
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.workers, self.language = [], None
        languages = self._worker_languages()
        if not languages:
            return nav
        share = self._share_of(files)
        # What exists now lives until the end of the build: out of the garbage collector's
        # sight, its pages are neither scanned again in every process nor copied into each
        # worker by the collector's writes (Python's advice for fork without exec).
        gc.collect()
        gc.freeze()
        for code in languages:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(read)
                for worker in self.workers:
                    os.close(worker.pipe)
                self._become_worker(code, write, files, share)
                return nav
            os.close(write)
            self.workers.append(Worker(pid, code, read))
        default = self._default_language()
        _narrow(files, lambda file: share(file) == default)
        log.info(f"pages of {', '.join(languages)} built side by side, one process each")
        return nav

    def _worker_languages(self) -> list[str]:
        """The languages given to workers: none when this build may not fork."""
        assert self.services is not None
        if not self.config.parallel or self.command not in COMMANDS:
            return []
        if len(os.sched_getaffinity(0)) < 2 or threading.active_count() > 1:
            return []  # one core; or a thread that a fork would leave half-copied
        return [lang.code for lang in self.services.languages.languages[1:]]

    def _default_language(self) -> str:
        assert self.services is not None
        return self.services.languages.default.code

    def _share_of(self, files: Files) -> Callable[[File], str]:
        """A page's language (the default one for a page no language claims)."""
        assert self.services is not None
        keys, default = self.services.pages.keys, self._default_language()
        return lambda file: keys.get(file.src_uri, ("", default))[1]

    def _become_worker(
        self, code: str, report: int, files: Files, share: Callable[[File], str]
    ) -> None:
        """In the new process: build the pages of `code` only, and nothing the main process
        writes (theme files, sitemap, 404 page, on_post_build's files)."""
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))  # Ctrl-C: the main one reports
        self.workers, self.language, self._report = [], code, report
        _narrow(files, lambda file: share(file) == code)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.language is not None:  # the main process copies and renders these
            files.copy_static_files = _nothing  # type: ignore[method-assign]
            config.theme.static_templates = set()
            config["extra_templates"] = []
        return env

    # -- reporting back -------------------------------------------------------------------------

    @event_priority(200)  # first: every other plugin's on_post_build sees the merged work
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.language is not None:
            self._end_worker(config, Report())
        self._collect(config)

    @event_priority(-200)  # last: the other plugins stop their own helpers first
    def on_build_error(self, *, error: Exception) -> None:
        if self.language is not None:
            self._end_worker(None, Report(error=_portable(error)))
        for worker in self.workers:  # the main process failed: its workers are not needed
            _stop(worker)
        self.workers = []

    def _end_worker(self, config: MkDocsConfig | None, report: Report) -> None:
        """Send the report and end the worker, whatever happens."""
        code = 1 if report.error is not None else 0
        try:
            if config is not None:
                try:
                    report.work = _page_work(config)
                    report.warnings = _warnings()
                except Exception as exc:  # noqa: BLE001 - sent to the main process, raised there
                    report = Report(error=_portable(exc))
                    code = 1
            assert self._report is not None
            with os.fdopen(self._report, "wb") as pipe:
                pickle.dump(report, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            logging.shutdown()
            os._exit(code)

    def _collect(self, config: MkDocsConfig) -> None:
        """In the main process: each worker's report, merged into the plugins."""
        workers, self.workers = self.workers, []
        reports = [(worker, _read_report(worker)) for worker in workers]
        for worker, report in reports:
            if report.error is not None:
                raise report.error
            _count_warnings(report.warnings)
            for name, work in report.work.items():
                plugin = config.plugins[name]
                assert isinstance(plugin, PageWork)
                plugin.merge_page_work(work)
            log.debug(f"the '{worker.language}' pages: {len(report.work)} plugins' work merged")


def _narrow(files: Files, mine: Callable[[File], bool]) -> None:
    """Let `files.documentation_pages()` (MkDocs' loops over pages) list only `mine`; every file
    stays in `files`, so links to the other pages resolve as before."""
    every = files.documentation_pages

    def documentation_pages(
        *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
    ) -> Sequence[File]:
        return [file for file in every(inclusion=inclusion) if mine(file)]

    files.documentation_pages = documentation_pages  # type: ignore[method-assign]


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _page_work(config: MkDocsConfig) -> dict[str, Any]:
    return {
        name: plugin.page_work()
        for name, plugin in config.plugins.items()
        if isinstance(plugin, PageWork)
    }


def _warnings() -> dict[int, int]:
    """What the strict mode's counter of this process counted."""
    counts: dict[int, int] = {}
    for handler in _counters():
        for level, count in handler.counts.items():
            counts[level] = counts.get(level, 0) + count
    return counts


def _count_warnings(counts: dict[int, int]) -> None:
    """Add a worker's warnings to the main process's counter: `--strict` fails on them."""
    for handler in _counters()[:1]:
        for level, count in counts.items():
            handler.counts[level] += count


def _counters() -> list[Any]:
    """MkDocs' (or ProperDocs') `CountHandler`, present with `--strict`."""
    return [
        handler
        for name in ENGINE_LOGGERS
        for handler in logging.getLogger(name).handlers
        if isinstance(getattr(handler, "counts", None), dict)
    ]


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling, else a PluginError with its text; the
    worker's traceback is kept as a note."""
    note = "in the worker process:\n" + "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any error that cannot travel becomes its text
        error = PluginError(f"{type(error).__name__}: {error}")
    if not isinstance(error, PluginError):
        error.add_note(note)
    return error


def _read_report(worker: Worker) -> Report:
    with os.fdopen(worker.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(worker.pid, 0)
    if not data:
        raise PluginError(
            f"{PLUGIN_NAME}: the process building the '{worker.language}' pages stopped "
            f"({_status_text(status)}) without a report; see the messages above"
        )
    report = pickle.loads(data)
    assert isinstance(report, Report)
    return report


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit {os.waitstatus_to_exitcode(status)}"


def _stop(worker: Worker) -> None:
    try:
        os.kill(worker.pid, signal.SIGTERM)
        os.waitpid(worker.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    try:
        os.close(worker.pipe)
    except OSError:
        pass
