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
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nextsociety.model.countries import country_hint, is_country
from nextsociety.model.errors import DataError, Problem
from nextsociety.model.events import is_event_source
from nextsociety.model.languages import CONFIG_PATH
from nextsociety.model.news import NEWS_TYPES, is_news_source
from nextsociety.model.registries import load_registries
from nextsociety.model.schema import check_plain_text, check_slug
from nextsociety.model.site import Site, SiteConfig, build_date, find_root, load_config, load_site
from nextsociety.model.translations import split_language
from nextsociety.scaffold import (
    PLACEHOLDER,
    NewFile,
    event_files,
    has_placeholder,
    news_item_files,
    slugify,
)
from nextsociety.translation_status import (
    MISSING,
    OUTDATED,
    STATE_HELP,
    TODO,
    UNSTAMPED,
    Row,
    rows,
    source_hash,
    stamped,
)


class UserError(Exception):
    """Something the editor asked for cannot be done; the message says why and what to do."""


# -- check ---------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    root = _root(args)
    site, problems = load_site(root)
    if site is None:
        _report(problems, args.format, root, "error")
        count = len(problems)
        print(
            f"{_count(count, 'problem')} found: fix {'it' if count == 1 else 'each one'} in the file and line shown, "
            "then run `nextsociety check` again. Nothing is published while a problem remains."
        )
        return 1
    warnings = placeholder_warnings(site)
    _report(warnings, args.format, root, "warning")
    note = f" ({_count(len(warnings), 'warning')} above)" if warnings else ""
    print(f"OK: no problems in {site.config.docs_dir}/ and data/ — {summary(site, _build_date())}{note}.")
    return 0


def summary(site: Site, today: dt.date) -> str:
    news, events = site.news, site.events
    releases = sum(item.is_press_release for item in news)
    scheduled = sum(not item.draft and item.date > today for item in news)
    drafts = sum(item.draft for item in news)
    planned = sum(not event.is_dated for event in events)
    plural = "" if releases == 1 else "s"
    parts = [
        f"{_count(len(news), 'news item')} ({releases} press release{plural}, {scheduled} scheduled, {_count(drafts, 'draft')})",
        f"{_count(len(events), 'event')} ({planned} planned)",
    ]
    if site.registries is not None:
        parts += [
            _count(len(site.registries.partners), "partner"),
            _count(len(site.registries.clusters), "cluster"),
            _count(len(site.registries.contacts), "contact"),
        ]
    codes = site.config.languages.codes
    return ", ".join(parts) + f"; languages {', '.join(codes)}"


def placeholder_warnings(site: Site) -> list[Problem]:
    """Published files (events; news items that are not drafts) that still say TODO."""
    files = [text.src_uri for event in site.events for text in event.texts.values()]
    files += [text.src_uri for item in site.news if not item.draft for text in item.texts.values()]
    warnings = []
    for src_uri in files:
        text = site.sources[src_uri]
        if has_placeholder(text):
            line = next(n for n, content in enumerate(text.splitlines(), start=1) if PLACEHOLDER in content)
            warnings.append(Problem(f"{site.config.docs_dir}/{src_uri}", line, "still has TODO text to write", "it is published with the next build"))
    return warnings


def _report(problems: Sequence[Problem], output: str, root: Path, level: str) -> None:
    for problem in problems:
        if output == "github":
            print(_annotation(problem, root, level))
        else:
            print(f"{problem}" if level == "error" else f"{_where(problem)}: warning: {_what(problem)}")


def _annotation(problem: Problem, root: Path, level: str) -> str:
    """A GitHub Actions workflow command: the message shows on the file's line in the pull request."""
    path = os.path.relpath(root / problem.path)  # relative to the workflow's working directory
    where = f"file={_escape(path, True)}" + (f",line={problem.line}" if problem.line else "")
    return f"::{level} {where},title=nextsociety check::{_escape(_what(problem), False)}"


def _escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def _what(problem: Problem) -> str:
    return f"{problem.message} ({problem.hint})" if problem.hint else problem.message


# -- new -----------------------------------------------------------------------------------


def run_new_news(args: argparse.Namespace) -> int:
    config = _config(_root(args))
    title = _title(args.title)
    date = _date(args.date, "--date") if args.date else dt.date.today()
    slug = _slug(args.slug, title)
    codes = _languages(args.lang, config)
    contact = _press_contact(config)
    files = news_item_files(config.docs_dir, config.languages, codes, slug, title, date, args.type, contact)
    _write(config, files)
    kind = "press release" if args.type == "press-release" else "news item"
    print(f"Created a draft {kind} dated {date.isoformat()}:")
    _list_files(config, files)
    print(
        "Next: replace every TODO with your text, preview with `make serve`, and run `nextsociety check`.\n"
        "To publish, delete the line `draft: true`: the item goes online with the first build on or after its date."
    )
    return 0


def run_new_event(args: argparse.Namespace) -> int:
    config = _config(_root(args))
    title = _title(args.title)
    if args.planned and (args.start or args.end):
        raise UserError("A planned event has no dates yet: leave out --start and --end, or leave out --planned.")
    if not args.planned and not args.start:
        raise UserError("Give the event's first day with --start YYYY-MM-DD, or use --planned while its dates are not fixed.")
    if args.country is None:
        raise UserError("Say in which country the event takes place with --country and its two-letter code, e.g. --country ES for Spain.")
    country = args.country.strip().upper()
    if not is_country(country):
        raise UserError(f"'{args.country}' is not a two-letter country code: {country_hint(args.country)}")
    timezone = _timezone(args.timezone)
    start = _moment(args.start, "--start", timezone) if args.start else None
    end = _moment(args.end, "--end", timezone) if args.end else None
    if start is not None and end is not None:
        if type(start) is not type(end):
            raise UserError("--start and --end must both be days, or both be a day and a time.")
        if end < start:  # type: ignore[operator]
            raise UserError(f"The event cannot end ({args.end}) before it starts ({args.start}).")
    slug = _slug(args.slug, title)
    existing = [uri for uri in _event_originals(config) if uri.rsplit("/", 1)[-1] == f"{slug}.md"]
    if existing:
        raise UserError(
            f"An event with the id '{slug}' already exists ({config.docs_dir}/{existing[0]}): nothing was written. "
            "Choose another title, or another file name with --slug."
        )
    codes = _languages(args.lang, config)
    files = event_files(config.docs_dir, config.languages, codes, slug, title, start, end, args.timezone, country, args.city)
    _write(config, files)
    print("Created a planned event (no dates yet):" if start is None else f"Created an event starting {args.start}:")
    _list_files(config, files)
    print(
        "Next: replace every TODO with your text, preview with `make serve`, and run `nextsociety check`.\n"
        "Events have no draft mode: the event goes online with the next build, so write it before you push."
    )
    return 0


def _title(value: str) -> str:
    title = value.strip()
    if not title:
        raise UserError('The title is empty: write it in quotes, e.g. nextsociety new news "Visit to Barcelona".')
    problem = check_plain_text(title)
    if problem:
        raise UserError(f"The title {problem}.")
    return title


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.") from None


def _moment(value: str, option: str, timezone: str | None) -> dt.date | dt.datetime:
    if len(value) == 10:
        return _date(value, option)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} '{value}' is not a date: write YYYY-MM-DD, or \"YYYY-MM-DD HH:MM\" with --timezone.") from None
    if timezone is None:
        raise UserError(f"{option} has a time, so the event needs a time zone: add e.g. --timezone Europe/Madrid.")
    return moment.replace(second=0, microsecond=0)


def _timezone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"'{value}' is not a time zone: use a name such as Europe/Madrid or Africa/Tunis.") from None
    return value


def _slug(value: str | None, title: str) -> str:
    if value is not None:
        problem = check_slug(value)
        if problem:
            raise UserError(f"--slug {problem}.")
        return value
    slug = slugify(title)
    if not slug:
        raise UserError("The title has no Latin letters or digits to make a file name from: give one with --slug, e.g. --slug barcelona-visit.")
    return slug


def _languages(value: str | None, config: SiteConfig) -> list[str]:
    codes = config.languages.codes
    if value is None:
        return list(codes)
    wanted = [code.strip() for code in value.split(",") if code.strip()]
    for code in wanted:
        if code not in codes:
            raise UserError(f"The site has no language '{code}': use {', '.join(codes)}, separated by commas.")
    return [config.languages.default.code, *wanted]  # the original is always written


def _press_contact(config: SiteConfig) -> str | None:
    """The first press contact of data/contacts.yml: a press release names whom to call."""
    if config.data_dir is None:
        return None
    try:
        registries = load_registries(config.root / config.data_dir, config.languages, config.data_dir)
    except DataError:
        return None  # `nextsociety check` reports the registry's problems
    return next((c.id for c in registries.contacts.values() if c.kind == "press"), None)


def _event_originals(config: SiteConfig) -> list[str]:
    folder = config.docs_path / "events"
    uris = [path.relative_to(config.docs_path).as_posix() for path in sorted(folder.glob("*/*.md"))]
    return [uri for uri in uris if split_language(uri, config.languages)[1] is config.languages.default]


def _write(config: SiteConfig, files: list[NewFile]) -> None:
    existing = [file.path for file in files if (config.root / file.path).exists()]
    if existing:
        raise UserError(
            f"{existing[0]} already exists: nothing was written. "
            "Choose another title, or another file name with --slug."
        )
    for file in files:
        path = config.root / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.text, encoding="utf-8", newline="\n")


def _list_files(config: SiteConfig, files: list[NewFile]) -> None:
    width = max(len(file.path) for file in files)
    for file in files:
        role = "the original" if file.lang is config.languages.default else "translation"
        print(f"  {file.path.ljust(width)}  {file.lang.name}, {role}")


# -- status --------------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    root = _root(args)
    if args.stamp:
        return _stamp(root, args.stamp)
    site, problems = load_site(root)
    if site is None:
        _report(problems, "text", root, "error")
        print("`nextsociety status` needs content without problems: fix the ones above first.")
        return 1
    today = _build_date()
    codes = site.config.languages.codes
    records = [*site.news, *site.events]
    table = rows(records, codes, site.sources, has_placeholder, today)
    original = site.config.languages.default.code
    print(f"Translations of news items and events ({original} is the original):\n")
    header = ["item", *codes]
    lines = [[row.key.removesuffix(".md"), *(row.states[code] for code in codes)] for row in table]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    scheduled = [row for row in table if row.publication == "scheduled"]
    drafts = [row for row in table if row.publication == "draft"]
    print(f"\nScheduled (embargoed: published by the first build on their date, today is {today.isoformat()}):")
    for row in sorted(scheduled, key=lambda r: (r.date, r.key)):
        print(f"  {row.date.isoformat() if row.date else ''}  {row.key.removesuffix('.md')} — {row.title}")
    if not scheduled:
        print("  none")
    print("\nDrafts (never published while they say `draft: true`):")
    for row in drafts:
        print(f"  {row.key.removesuffix('.md')} — {row.title}")
    if not drafts:
        print("  none")
    _print_to_do(site, table, codes)
    return 0


def _print_to_do(site: Site, table: list[Row], codes: tuple[str, ...]) -> None:
    states = [state for row in table for state in row.states.values()]
    counts = {state: states.count(state) for state in (MISSING, OUTDATED, UNSTAMPED, TODO)}
    if not any(counts.values()):
        print("\nEvery translation is up to date.")
        return
    print("\nTo do: " + ", ".join(f"{n} {state}" for state, n in counts.items() if n) + ".")
    for state, n in counts.items():
        if n:
            print(f"  {state}: {STATE_HELP[state]}")
    stale = [row.files[code] for row in table for code in codes if row.states[code] in (OUTDATED, UNSTAMPED)]
    if stale:
        print("Once a translation is up to date, record it with:")
        for src_uri in stale:
            print(f"  nextsociety status --stamp {site.config.docs_dir}/{src_uri}")


def _stamp(root: Path, names: list[str]) -> int:
    config = _config(root)
    for name in names:
        path = Path(name).resolve()
        try:
            src_uri = path.relative_to(config.docs_path.resolve()).as_posix()
        except ValueError:
            raise UserError(f"{name} is not in the {config.docs_dir}/ folder of this site.") from None
        shown = f"{config.docs_dir}/{src_uri}"
        key, lang = split_language(src_uri, config.languages)
        if lang is config.languages.default:
            raise UserError(f"{shown} is an original, not a translation: stamp its translations (e.g. {shown[:-3]}.fr.md).")
        if not (is_news_source(key) or is_event_source(key)):
            raise UserError(f"{shown} is not a news item or an event: only those record which original they translate.")
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
        print(f"Stamped {shown} as up to date with {config.docs_dir}/{key} (translated_from: \"{mark}\").")
    return 0


# -- shared --------------------------------------------------------------------------------


def _root(args: argparse.Namespace) -> Path:
    if args.root is not None:
        root = Path(args.root)
        if not (root / CONFIG_PATH).is_file():
            raise UserError(f"There is no {CONFIG_PATH} in {args.root}: --root must name the site's folder.")
        return root
    found = find_root(Path.cwd())
    if found is None:
        raise UserError(f"There is no {CONFIG_PATH} in this folder or above it: run nextsociety in the site's folder, or name it with --root.")
    return found


def _config(root: Path) -> SiteConfig:
    try:
        return load_config(root)
    except DataError as exc:
        raise UserError(f"{CONFIG_PATH} cannot be read: {exc.problems[0]}") from None


def _build_date() -> dt.date:
    try:
        return build_date()
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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


if __name__ == "__main__":
    sys.exit(main())
