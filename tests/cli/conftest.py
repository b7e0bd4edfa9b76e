"""CLI tests: a copy of the project's configuration and data in tmp_path, and `nextsociety` run as editors run it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

BUILD_DATE = "2026-11-25"


def nextsociety(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point, in a subprocess: `python -m nextsociety.cli ARGS` in folder `cwd`."""
    full_env = {**os.environ, "NEXTSOCIETY_BUILD_DATE": BUILD_DATE, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "nextsociety.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_preview(
    root: Path, env: dict[str, str], log: Path, *options: str, stop_timeout: float = 60
) -> Iterator[str]:
    """`nextsociety serve` on `root` (a free port), its output in `log`; yields its home URL."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    command = [sys.executable, "-m", "nextsociety.cli", "serve", "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(
            [*command, *options],
            cwd=root,
            env={**environment, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=stop_timeout)


def fetch(url: str) -> tuple[int, str] | None:
    """(status, page) of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, status: int, *texts: str, timeout: float = 90) -> str:
    """The page at `url` once it answers `status` with every one of `texts` (a preview starts,
    rebuilds or shows its problems)."""
    deadline, answer = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        answer = fetch(url)
        if answer is not None and answer[0] == status and all(t in answer[1] for t in texts):
            return answer[1]
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered {status} with {texts!r}: {answer}")


class Project:
    """mkdocs.yml, data/ and overrides/ of the real site, with the real pages but no news or events."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> int:
        """Replace the first `old` in a file; returns the line where it was (1-based)."""
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        line = text[: text.index(old)].count("\n") + 1
        (self.root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
        return line

    def line_of(self, name: str, fragment: str) -> int:
        text = self.read(name)
        return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "cms").symlink_to(REPO / "cms")  # the web editor's installed package (/admin/)
    shutil.copytree(
        REPO / "content", root / "content", ignore=shutil.ignore_patterns("news", "events")
    )
    return Project(root)
