"""`nextsociety serve`: the preview that tells.

While the project has problems, every URL answers with a page listing them (file, line,
hint) that reloads itself; once `load_site()` finds none, `mkdocs serve` takes over the same
address. Files are watched all along: a new mistake brings the list back, a fix the site.
The preview never hangs on a mistake, and it listens where `-a`/`--host` say (a phone on the
same network: `--host 0.0.0.0`).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from jinja2 import Environment

from nextsociety.cli.project import UserError, project_root
from nextsociety.model.errors import DataError, Problem
from nextsociety.model.languages import CONFIG_PATH
from nextsociety.model.site import load_config, load_site, project_folders

POLL_SECONDS = 1.0  # how often files are looked at; a reload within a second or two
DEFAULT_ADDRESS = "127.0.0.1:8000"

PAGE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>{{ count }} problem{{ "" if count == 1 else "s" }} — preview paused</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
li{margin:.6rem 0}code{font-weight:bold}.hint{color:#555}</style></head>
<body><main>
<h1>{{ count }} problem{{ "" if count == 1 else "s" }} to fix before the preview shows the site</h1>
<p>Fix each one in the file and line shown and save: this page reloads by itself, and shows
the site once nothing is left. Nothing is published while a problem remains.</p>
<ol>{% for p in problems %}<li><code>{{ p.path }}{% if p.line %}:{{ p.line }}{% endif %}</code>
{{ p.message }}{% if p.hint %} <span class="hint">({{ p.hint }})</span>{% endif %}</li>
{% endfor %}</ol>
</main></body></html>
"""
)


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
    serve.set_defaults(run=run_serve)


def address(args: argparse.Namespace) -> tuple[str, int]:
    host, _, port = (args.dev_addr or DEFAULT_ADDRESS).rpartition(":")
    if not port.isdigit() or not host:
        raise UserError(f"-a {args.dev_addr}: write HOST:PORT, e.g. 127.0.0.1:8000")
    return (args.host or host), int(port)


def run_serve(args: argparse.Namespace) -> int:
    root = project_root(args)
    host, port = address(args)
    preview = Preview(root, args.config_file, host, port)
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
    """Either the problems page or `mkdocs serve`, on one address, as the files say."""

    def __init__(self, root: Path, config_file: str, host: str, port: int) -> None:
        self.root, self.config_file, self.host, self.port = root, config_file, host, port
        self.problems: list[Problem] = []
        self.problem_server: ThreadingHTTPServer | None = None
        self.mkdocs: subprocess.Popen[bytes] | None = None

    def run(self, rounds: Callable[[], bool] = lambda: True) -> None:
        state = None
        while rounds():
            current = project_state(self.root, self.config_file)
            exited = self.mkdocs is not None and self.mkdocs.poll() is not None
            if current != state or exited:
                state = current
                self.refresh(exited)
            time.sleep(POLL_SECONDS)

    def refresh(self, exited: bool) -> None:
        _site, problems = load_site(self.root, self.config_file)
        if exited and not problems:  # mkdocs stopped on what load_site() does not see
            problems = [Problem(self.config_file, None, "the preview stopped: see the terminal")]
        if problems:
            self.show_problems(problems)
        elif self.mkdocs is None or exited:
            self.show_site()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self._stop_mkdocs()
        print(f"{len(problems)} problem(s): listed on every page of the preview", flush=True)
        for problem in problems:
            print(f"  {problem}", flush=True)
        if self.problem_server is None:
            self.problem_server = _problem_server(self.host, self.port, lambda: self.problems)
            threading.Thread(target=self.problem_server.serve_forever, daemon=True).start()

    def show_site(self) -> None:
        if self.problem_server is not None:
            self.problem_server.shutdown()
            self.problem_server.server_close()
            self.problem_server = None
        self._stop_mkdocs()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", self.config_file]
        command += ["-a", f"{self.host}:{self.port}"]
        self.mkdocs = subprocess.Popen(command, cwd=self.root, env=env)

    def _stop_mkdocs(self) -> None:
        if self.mkdocs is not None:
            if self.mkdocs.poll() is None:
                self.mkdocs.terminate()
                self.mkdocs.wait(timeout=30)
            self.mkdocs = None

    def stop(self) -> None:
        self._stop_mkdocs()
        if self.problem_server is not None:
            self.problem_server.shutdown()
            self.problem_server.server_close()


def _problem_server(
    host: str, port: int, problems: Callable[[], list[Problem]]
) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            listed = problems()
            body = PAGE.render(problems=listed, count=len(listed)).encode("utf-8")
            self.send_response(503)  # the site is not available until the problems are fixed
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Retry-After", "2")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the terminal lists the problems once

    return _bind(host, port, Handler)


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
