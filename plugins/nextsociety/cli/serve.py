"""`nextsociety serve`: the preview that tells, and shows a save within a second or two.

While the project has problems, every URL answers with a page listing them (file, line,
hint) that reloads itself, in the editor's language with `--lang` (cli/problem_page.py);
once `load_site()` finds none, the same address serves the live site (cli/live.py): each page
rendered when the browser asks for it, after every save, and reloaded in the browser by
itself. Files are watched all along: a new mistake brings the list back, a fix the site. The
preview never hangs on a mistake, and it listens where `-a`/`--host` say (a phone on the same
network: `--host 0.0.0.0`). `mkdocs serve` keeps working too, with a full build on every save.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment

from nextsociety.cli.live import FullBuild, LiveSite
from nextsociety.cli.problem_page import problem_page
from nextsociety.cli.project import UserError, project_root
from nextsociety.model.errors import DataError, Problem
from nextsociety.model.languages import CONFIG_PATH
from nextsociety.model.site import load_config, load_site, project_folders
from nextsociety.render.text import html_lang

POLL_SECONDS = 0.2  # how often files are looked at: a save is seen within a fifth of a second
DEFAULT_ADDRESS = "127.0.0.1:8000"


def add_serve_command(commands: Any, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="preview the site; while it has problems, every page lists them",
        description="Preview the site at http://127.0.0.1:8000/ with drafts and scheduled "
        "items (each with a banner). While content/ or data/ have problems, every page lists "
        "them (file, line, hint) and reloads by itself; saving a fix shows the site.",
    )
    serve.add_argument("-f", "--config-file", metavar="CONFIG", default=CONFIG_PATH)
    serve.add_argument(
        "-a", "--dev-addr", metavar="HOST:PORT", default=None, help=f"default {DEFAULT_ADDRESS}"
    )
    serve.add_argument(
        "--host",
        help="listen on this host, port 8000 (or -a's): 0.0.0.0 lets a phone on the same "
        "network open http://<this computer's address>:8000/",
    )
    serve.add_argument(
        "--lang",
        metavar="CODE",
        help="the language of the page that lists problems: one of the site's (en, fr, ar); "
        "default: the site's default language. The problems themselves are described in "
        "English.",
    )
    serve.set_defaults(run=run_serve)


def address(args: argparse.Namespace) -> tuple[str, int]:
    host, _, port = (args.dev_addr or DEFAULT_ADDRESS).rpartition(":")
    if not port.isdigit() or not host:
        raise UserError(f"-a {args.dev_addr}: write HOST:PORT, e.g. 127.0.0.1:8000")
    return (args.host or host), int(port)


def run_serve(args: argparse.Namespace) -> int:
    root = project_root(args)
    host, port = address(args)
    _check_language(root, args.config_file, args.lang)
    preview = Preview(root, args.config_file, host, port, args.lang)
    print(f"Preview on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    # stopped by a signal, stop `mkdocs serve` too: it would keep the address
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        preview.run()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    return 0


def _check_language(root: Path, config_file: str, lang: str | None) -> None:
    """`--lang` names one of the site's languages (not checked while mkdocs.yml is unreadable:
    the page then falls back to what the string table gives)."""
    try:
        codes = load_config(root, config_file).languages.codes
    except DataError:
        return
    if lang is not None and lang not in codes:
        raise UserError(f"--lang {lang}: this site's languages are {', '.join(codes)}")


def project_state(root: Path, config_file: str) -> tuple[float, int]:
    """A cheap signature of every file the build reads: (latest change, number of files)."""
    try:
        folders = project_folders(load_config(root, config_file))
    except DataError:  # an unreadable mkdocs.yml: watch it alone, load_site() reports it
        folders = []
    latest, count = (root / config_file).stat().st_mtime, 1
    for folder in folders:
        for path, _dirs, files in os.walk(root / folder):
            for name in files:
                try:
                    latest = max(latest, os.stat(os.path.join(path, name)).st_mtime)
                except OSError:
                    continue
                count += 1
    return latest, count


class Preview:
    """One address: the page listing the problems while there are some, else the live site."""

    def __init__(
        self, root: Path, config_file: str, host: str, port: int, lang: str | None = None
    ) -> None:
        self.root, self.config_file, self.host, self.port = root, config_file, host, port
        self.problems: list[Problem] = []
        self.lang = lang  # of the problems page; None: the site's default language
        self.problem_page = b""  # rendered when the problems change
        work = Path(tempfile.mkdtemp(prefix="nextsociety-preview-"))
        self.work = work
        self.live = LiveSite(root, config_file, work / "live")
        self.full = FullBuild(root, config_file, work)
        self.server: ThreadingHTTPServer | None = None
        self._refreshing = False

    def run(self, rounds: Callable[[], bool] = lambda: True) -> None:
        self.server = _bind(self.host, self.port, _handler(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        state = None
        while rounds():
            current = project_state(self.root, self.config_file)
            if current != state:
                state = current
                self.refresh()
            self.full.tick()
            if self.full.running != self._refreshing:
                self._refreshing = self.full.running
                self.live.notify()  # the pages' notice comes or goes
            time.sleep(POLL_SECONDS)

    def refresh(self) -> None:
        started = time.monotonic()
        problems: list[Problem] = []
        try:
            self.live.load()  # loads the site (load_site) in the i18n plugin, once
        except Exception as exc:  # noqa: BLE001 - shown on every page, like the others
            _site, problems = load_site(self.root, self.config_file, remember=True)
            if not problems:  # a problem that load_site() does not see
                problems = [Problem(self.config_file, None, f"the preview stopped: {exc}")]
        if problems:
            self.show_problems(problems)
            return
        if self.problems:
            print("No problem left: the preview shows the site", flush=True)
        self.problems = []
        self.full.start_soon()
        print(f"Site loaded in {time.monotonic() - started:.1f} s", flush=True)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        page = problem_page(self.root, self.config_file, self.lang)
        self.problem_page = page.render(problems).encode("utf-8")
        self.problems = list(problems)
        self.live.notify()
        print(f"{len(problems)} problem(s): listed on every page of the preview", flush=True)
        for problem in problems:
            print(f"  {problem}", flush=True)

    def answer(self, url_path: str) -> Path | None:
        """The file for `url_path`: the live site's, else the last full build's (search, PDFs)."""
        found = self.live.answer(url_path)
        if found is not None:
            return found
        ready = self.full.ready
        if ready is not None:
            candidate = ready / url_path.lstrip("/")
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if candidate.is_file():
                return candidate
        return None

    def stop(self) -> None:
        self.full.stop()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        shutil.rmtree(self.work, ignore_errors=True)


RELOAD = """<script>
(function () {
  var seen = %(state)s;
  function wait() {
    fetch("/.preview/wait?generation=" + seen.generation + "&refreshing=" + seen.refreshing,
          {cache: "no-store"})
      .then(function (answer) { return answer.json(); })
      .then(function (now) {
        if (now.generation !== seen.generation) { location.reload(); return; }
        var notice = document.getElementById("ns-preview-refreshing");
        if (notice) { notice.hidden = !now.refreshing; }
        seen = now; wait();
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
</script>"""

NOTICE = Environment(autoescape=True).from_string(
    '<p id="ns-preview-refreshing" role="status" lang="{{ lang }}" dir="{{ dir }}"'
    '{% if not shown %} hidden{% endif %} style="position:fixed;inset-inline:1rem;bottom:1rem;'
    "z-index:10;margin:0;padding:.6rem .8rem;background:#fff3cd;color:#222;"
    'border:1px solid #c9a227;border-radius:.3rem;font:14px/1.4 system-ui,sans-serif">'
    "{{ text }}</p>"
)


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == "/.preview/wait":
                self._wait()
            elif preview.problems:
                body = preview.problem_page
                self._send(503, "text/html; charset=utf-8", body, retry=True)
            else:
                self._file(path)

        def _file(self, path: str) -> None:
            try:
                found = preview.answer(path)
            except Exception as exc:  # noqa: BLE001 - a page that fails: the terminal says why
                print(f"{path}: {exc}", file=sys.stderr, flush=True)
                found = None
            status = 200
            if found is None:
                status, found = 404, preview.live.answer("/404.html")
            if found is None:
                self._send(404, "text/plain; charset=utf-8", b"Not found")
                return
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            body = found.read_bytes()
            if kind == "text/html":
                body = _with_reload(body, preview)
                kind += "; charset=utf-8"
            self._send(status, kind, body)

        def _wait(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            seen = (query.get("generation", ["0"])[0], query.get("refreshing", ["false"])[0])
            preview.live.wait_for_change(
                lambda: (str(preview.live.generation), _js(preview.full.running)) != seen
            )
            body = json.dumps(
                {"generation": preview.live.generation, "refreshing": preview.full.running}
            )
            self._send(200, "application/json", body.encode())

        def _send(self, status: int, kind: str, body: bytes, retry: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            if retry:
                self.send_header("Retry-After", "2")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the terminal shows problems, not requests

    return Handler


def _js(value: bool) -> str:
    return "true" if value else "false"


def _with_reload(html: bytes, preview: Preview) -> bytes:
    """The page with the script that reloads it after a save, and the notice shown while the
    full build (search, PDFs, cards) is not up to date."""
    text = html.decode("utf-8")
    lang = html_lang(text) or "en"
    direction = "rtl" if 'dir="rtl"' in text[:2000] else "ltr"
    notice = NOTICE.render(
        lang=lang,
        dir=direction,
        shown=preview.full.running,
        text=preview.live.text("preview.refreshing", lang) or "",
    )
    state = json.dumps({"generation": preview.live.generation, "refreshing": preview.full.running})
    extra = notice + RELOAD % {"state": state}
    at = text.rfind("</body>")
    text = text[:at] + extra + text[at:] if at >= 0 else text + extra
    return text.encode("utf-8")


def _bind(host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """Bind, retrying while the stopped `mkdocs serve` still holds the port."""
    for _ in range(50):
        try:
            server = ThreadingHTTPServer((host, port), handler)
            server.daemon_threads = True
            return server
        except OSError:
            time.sleep(0.2)
    raise UserError(f"cannot listen on {host}:{port}: is another preview running?")
