"""`nextsociety`: the editors' command line — check the content, scaffold items, see translations.

    nextsociety check [--format text|github]
    nextsociety new news "Title" [--type press-release] [--date YYYY-MM-DD] [--lang en,fr,ar]
    nextsociety new event "Title" --start YYYY-MM-DD [--end YYYY-MM-DD] --country ES [--city …]
    nextsociety new event "Title" --planned --country IT
    nextsociety status [--stamp FILE …]

Messages are meant for communication managers: what is wrong, where, and what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nextsociety.cli.check import run_check
from nextsociety.cli.new import run_new_event, run_new_news
from nextsociety.cli.project import UserError
from nextsociety.cli.status import run_status
from nextsociety.model.news import NEWS_TYPES


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", metavar="DIR", help="the site's folder, with mkdocs.yml (default: this folder or the nearest one above it)")

    scaffolding = argparse.ArgumentParser(add_help=False)
    scaffolding.add_argument("--lang", metavar="CODES", help="languages to create, e.g. en,fr,ar (default: every language of the site)")
    scaffolding.add_argument("--slug", help="the file name (and id) without .md, instead of one made from the title")

    parser = argparse.ArgumentParser(
        prog="nextsociety",
        description="Check, create and follow the content of THE NEXT SOCIETY site (content/ and data/).",
        epilog="Run `nextsociety COMMAND --help` for the options of a command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", parents=[common], help="find every mistake in content/ and data/, with file and line",
        description="Validate content/ and data/ as the build does, without building. Every problem is listed "
        "as path:line: message (hint); the exit status is 1 when there is one, 0 otherwise.",
    )
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: GitHub Actions annotations, shown on the lines of a pull request")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="create a news item or an event, ready to write", description="Create the files of a news item or an event, with valid front matter and TODO text to replace.")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)

    news = kinds.add_parser(
        "news", parents=[common, scaffolding], help="a news item or press release (a draft)",
        description="Create content/news/<year>/<slug>.md (the original, a draft) and its translations. "
        "The file name is made from the title and never changes.",
    )
    news.add_argument("title", help='the English title, in quotes: "Visit to Barcelona"')
    news.add_argument("--type", choices=NEWS_TYPES, default="news", help="news (default) or press-release")
    news.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (default: today); a later date is an embargo")
    news.set_defaults(run=run_new_news)

    event = kinds.add_parser(
        "event", parents=[common, scaffolding], help="an event, dated or planned",
        description="Create content/events/<year>/<slug>.md, or content/events/planned/<slug>.md for an event "
        "whose dates are not fixed, and its translations. The file name is the event's id.",
    )
    event.add_argument("title", help='the English title, in quotes: "Benchmarking visit to Piedmont"')
    event.add_argument("--start", metavar="YYYY-MM-DD", help='first day (or "YYYY-MM-DD HH:MM" with --timezone)')
    event.add_argument("--end", metavar="YYYY-MM-DD", help="last day (or end time); leave out for a one-day event")
    event.add_argument("--planned", action="store_true", help="the dates are not fixed yet: no --start, filed under events/planned/")
    event.add_argument("--country", metavar="CODE", help="where it takes place: a two-letter code such as ES, TN, IT")
    event.add_argument("--city", help="the city, in English")
    event.add_argument("--timezone", metavar="ZONE", help="for start and end times: e.g. Europe/Madrid")
    event.set_defaults(run=run_new_event)

    status = commands.add_parser(
        "status", parents=[common], help="which translations are missing or outdated; scheduled items and drafts",
        description="Show every news item and event in every language: translated, outdated (the original changed "
        "since), missing, unstamped or todo; then scheduled (embargoed) items with their dates, and drafts.",
    )
    status.add_argument("--stamp", metavar="FILE", nargs="+", help="record that these translations are up to date with their original (writes translated_from:)")
    status.set_defaults(run=run_status)
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
