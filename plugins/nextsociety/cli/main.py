"""`nextsociety`: the editors' command line — check the content, scaffold items, see translations.

    nextsociety check [--format text|github]
    nextsociety new news "Title" [--type press-release] [--date YYYY-MM-DD] [--lang en,fr,ar]
    nextsociety new event "Title" --start YYYY-MM-DD [--end YYYY-MM-DD] --country ES [--city …]
    nextsociety new event "Title" --planned --country IT
    nextsociety status [--stamp FILE …]
    nextsociety serve [-f CONFIG] [-a HOST:PORT] [--host 0.0.0.0]

Messages are meant for communication managers: what is wrong, where, and what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nextsociety.cli.check import add_check_command
from nextsociety.cli.new import add_new_command
from nextsociety.cli.project import UserError
from nextsociety.cli.serve import add_serve_command
from nextsociety.cli.status import add_status_command


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        metavar="DIR",
        help="the site's folder, with mkdocs.yml "
        "(default: this folder or the nearest one above it)",
    )
    parser = argparse.ArgumentParser(
        prog="nextsociety",
        description="Check, create and follow the content of THE NEXT SOCIETY site "
        "(content/ and data/).",
        epilog="Run `nextsociety COMMAND --help` for the options of a command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_check_command(commands, common)
    add_new_command(commands, common)
    add_status_command(commands, common)
    add_serve_command(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except UserError as exc:
        print(f"nextsociety: {exc}", file=sys.stderr)
        return 1
