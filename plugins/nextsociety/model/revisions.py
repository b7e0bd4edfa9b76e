"""When each source file last changed, from git: reproducible, since a commit's date never changes.

One `git log` per build. Outside a git checkout (a tarball, a test site in a temporary folder)
there are no dates, and pages say nothing rather than guess. A shallow clone knows only its
last commit, so every file would get that commit's date: build from a full clone.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_commit_days(
    root: Path, folders: tuple[str, ...] = ("content", "data")
) -> dict[str, dt.date]:
    """{path relative to `root`: the committer day of the last commit that changed it}."""
    command = [
        "git",
        "-C",
        str(root),
        "log",
        "--format=%x00%cI",
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        *folders,
    ]
    try:
        out = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=120
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    days: dict[str, dt.date] = {}
    # newest commit first: the first date seen for a file is its last change
    for block in out.split("\x00")[1:]:
        lines = block.strip("\n").split("\n")
        day = dt.date.fromisoformat(lines[0][:10])
        for name in lines[1:]:
            if name:
                days.setdefault(name, day)
    return days
