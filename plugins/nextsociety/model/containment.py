"""Nothing from outside the project: every file the build may read or copy stays inside it.

MkDocs follows symbolic links when it collects `docs_dir` and the theme's `custom_dir`, and
copies what it finds into `site/`: a link to `/etc` would publish the machine's files. Every
link under the project's folders must resolve, without a loop, to a place inside the project.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from nextsociety.model.errors import Problem

HINT = "copy the file into the project instead of linking to it"


def link_problems(root: Path, folders: Iterable[str]) -> list[Problem]:
    """Every symbolic link under `root/<folder>` (the folders included) that dangles, loops or
    leaves the project, as a Problem naming the link."""
    top = root.resolve()
    problems: list[Problem] = []
    for folder in folders:
        start = root / folder
        if start.is_symlink():
            problems.extend(_check_link(start, root, top))
            continue
        for current, dirs, files in os.walk(start):  # does not follow links to folders
            for name in sorted(dirs) + sorted(files):
                path = Path(current) / name
                if path.is_symlink():
                    problems.extend(_check_link(path, root, top))
    return problems


def _check_link(path: Path, root: Path, top: Path) -> list[Problem]:
    shown = path.relative_to(root).as_posix()
    target = os.readlink(path)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return [Problem(shown, None, f"symbolic link to '{target}', which does not exist", HINT)]
    except (RuntimeError, OSError):
        return [Problem(shown, None, f"symbolic link to '{target}' that loops", HINT)]
    if not resolved.is_relative_to(top):
        return [Problem(shown, None, f"symbolic link to '{target}', outside the project", HINT)]
    return []


def is_inside(relative: str) -> bool:
    """Whether a path written in a file (`image:`, `logo:`) stays inside the folder it is
    relative to: no absolute path, no `..` that climbs out."""
    path = PurePosixPath(relative.replace("\\", "/"))
    if path.is_absolute() or relative.startswith("~"):
        return False
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return False
    return True
