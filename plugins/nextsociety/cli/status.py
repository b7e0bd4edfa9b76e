"""`nextsociety status`: translations, scheduled items and drafts; `--stamp` records a
translation.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from nextsociety.cli.project import UserError, project_config, project_root
from nextsociety.cli.report import report
from nextsociety.model.errors import DataError
from nextsociety.model.events import is_event_source
from nextsociety.model.news import is_news_source
from nextsociety.model.placeholders import has_placeholder
from nextsociety.model.site import Site, load_site
from nextsociety.model.translations import split_language
from nextsociety.translation_status import (
    MISSING,
    NOTICE_MARK,
    OUTDATED,
    STATE_HELP,
    TODO,
    UNSTAMPED,
    Row,
    rows,
    source_hash,
    stamped,
)


def add_status_command(commands: Any, common: argparse.ArgumentParser) -> None:
    status = commands.add_parser(
        "status",
        parents=[common],
        help="which translations are missing or outdated; scheduled items and drafts",
        description="Show every news item and event in every language: translated, outdated "
        "(the original changed since), missing, unstamped or todo; then scheduled (embargoed) "
        "items with their dates, and drafts.",
    )
    status.add_argument(
        "--stamp",
        metavar="FILE",
        nargs="+",
        help="record that these translations are up to date with their original "
        "(writes translated_from:)",
    )
    status.set_defaults(run=run_status)


def run_status(args: argparse.Namespace) -> int:
    root = project_root(args)
    if args.stamp:
        return _stamp(root, args.stamp)
    site, problems = load_site(root)
    if site is None:
        report(problems, "text", root, "error")
        print("`nextsociety status` needs content without problems: fix the ones above first.")
        return 1
    codes = site.config.languages.codes
    records = [*site.news, *site.events]
    table = rows(records, site.config.languages, site.sources, has_placeholder, site.now)
    original = site.config.languages.default.code
    print(f"Translations of news items and events ({original} is the original):\n")
    header = ["item", *codes]
    lines = [[row.key.removesuffix(".md"), *(_cell(row, code) for code in codes)] for row in table]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    _print_noticed(table)
    _print_scheduled(table, site.now)
    drafts = [row for row in table if row.publication == "draft"]
    print("\nDrafts (never published while they say `draft: true`):")
    for row in drafts:
        print(f"  {row.key.removesuffix('.md')} — {row.title}")
    if not drafts:
        print("  none")
    _print_to_do(site, table, codes)
    return 0


def _cell(row: Row, code: str) -> str:
    return row.states[code] + (NOTICE_MARK if code in row.noticed else "")


def _print_noticed(table: list[Row]) -> None:
    """Translations the site shows with "the original was updated since": by date, what the
    page says, beside the version mark the table compares."""
    noticed = [row for row in table if row.noticed]
    if not noticed:
        return
    print(
        f"\n{NOTICE_MARK} Shown on the site as outdated (older than the original's `updated:`; "
        "correct the translation, then give it its own `updated:`, that day or later):"
    )
    for row in noticed:
        updated = row.updated.isoformat() if row.updated else ""
        print(
            f"  {row.key.removesuffix('.md')} — {', '.join(row.noticed)} "
            f"(original updated {updated})"
        )


def _print_scheduled(table: list[Row], now: dt.datetime) -> None:
    """Embargoed items with the instant they go online, in UTC and in this computer's time."""
    scheduled = [row for row in table if row.publication == "scheduled"]
    print(
        "\nScheduled (embargoed: published by the first hourly build after the time shown; "
        f"a date alone is 00:00 UTC that day; now is {_utc(now)}):"
    )
    for row in sorted(scheduled, key=lambda r: (_sort_instant(r), r.key)):
        print(f"  {_when(row)}  {row.key.removesuffix('.md')} — {row.title}")
    if not scheduled:
        print("  none")


def _sort_instant(row: Row) -> dt.datetime:
    if row.publish_at is not None:
        return row.publish_at
    return dt.datetime.combine(row.date or dt.date.min, dt.time(), dt.UTC)


def _when(row: Row) -> str:
    if row.publish_at is None:
        return row.date.isoformat() if row.date else ""
    local = row.publish_at.astimezone()  # this computer's time zone
    return f"{_utc(row.publish_at)} ({local.strftime('%Y-%m-%d %H:%M %Z')} here)"


def _utc(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _print_to_do(site: Site, table: list[Row], codes: tuple[str, ...]) -> None:
    states = [state for row in table for state in row.states.values()]
    counts = {state: states.count(state) for state in (MISSING, OUTDATED, UNSTAMPED, TODO)}
    noticed = sum(len(row.noticed) for row in table)
    if not any(counts.values()) and not noticed:
        print("\nEvery translation is up to date.")
        return
    done = [f"{n} {state}" for state, n in counts.items() if n]
    done += [f"{noticed} shown as outdated ({NOTICE_MARK})"] if noticed else []
    print("\nTo do: " + ", ".join(done) + ".")
    for state, n in counts.items():
        if n:
            print(f"  {state}: {STATE_HELP[state]}")
    stale = [
        row.files[code]
        for row in table
        for code in codes
        if row.states[code] in (OUTDATED, UNSTAMPED)
    ]
    if stale:
        print("Once a translation is up to date, record it with:")
        for src_uri in stale:
            print(f"  nextsociety status --stamp {site.config.docs_dir}/{src_uri}")


def _stamp(root: Path, names: list[str]) -> int:
    config = project_config(root)
    for name in names:
        path = Path(name).resolve()
        try:
            src_uri = path.relative_to(config.docs_path.resolve()).as_posix()
        except ValueError:
            raise UserError(
                f"{name} is not in the {config.docs_dir}/ folder of this site."
            ) from None
        shown = f"{config.docs_dir}/{src_uri}"
        key, lang = split_language(src_uri, config.languages)
        if lang is config.languages.default:
            raise UserError(
                f"{shown} is an original, not a translation: stamp its translations (e.g. "
                f"{shown[:-3]}.fr.md)."
            )
        if not (is_news_source(key) or is_event_source(key)):
            raise UserError(
                f"{shown} is not a news item or an event: only those record which original they "
                "translate."
            )
        if not path.is_file():
            raise UserError(f"{shown} does not exist.")
        original = config.docs_path / key
        if not original.is_file():
            raise UserError(f"{shown} has no original: {config.docs_dir}/{key} does not exist.")
        try:
            mark = source_hash(original.read_text(encoding="utf-8-sig"), f"{config.docs_dir}/{key}")
            text = path.read_text(encoding="utf-8-sig")
            new = stamped(text, mark)
            _ = source_hash(new, shown)  # the result must still parse
        except DataError as exc:
            raise UserError(f"cannot read the front matter: {exc.problems[0]}") from None
        path.write_text(new, encoding="utf-8", newline="\n")
        print(
            f"Stamped {shown} as up to date with {config.docs_dir}/{key} (translated_from: "
            f'"{mark}").'
        )
    return 0
