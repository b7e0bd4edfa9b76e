"""What every command needs: the project's folder and configuration, the build date."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from nextsociety.model.clock import build_date
from nextsociety.model.errors import DataError
from nextsociety.model.languages import CONFIG_PATH
from nextsociety.model.site import SiteConfig, find_root, load_config


class UserError(Exception):
    """Something the editor asked for cannot be done; the message says why and what to do."""


def project_root(args: argparse.Namespace) -> Path:
    if args.root is not None:
        root = Path(args.root)
        if not (root / CONFIG_PATH).is_file():
            raise UserError(
                f"There is no {CONFIG_PATH} in {args.root}: --root must name the site's folder."
            )
        return root
    found = find_root(Path.cwd())
    if found is None:
        raise UserError(
            f"There is no {CONFIG_PATH} in this folder or above it: run nextsociety in the site's "
            "folder, or name it with --root."
        )
    return found


def project_config(root: Path) -> SiteConfig:
    try:
        return load_config(root)
    except DataError as exc:
        raise UserError(f"{CONFIG_PATH} cannot be read: {exc.problems[0]}") from None


def build_day() -> dt.date:
    try:
        return build_date()
    except ValueError as exc:
        raise UserError(str(exc)) from None


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
