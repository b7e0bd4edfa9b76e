"""`nextsociety new news|event`: the files of a new item, with valid front matter."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nextsociety.cli.project import UserError, project_config, project_root
from nextsociety.model.countries import country_hint, is_country
from nextsociety.model.errors import DataError
from nextsociety.model.events import load_events
from nextsociety.model.news import NEWS_TYPES
from nextsociety.model.references import KnownIds
from nextsociety.model.registries.base import load_registries
from nextsociety.model.schema import check_plain_text, check_slug
from nextsociety.model.site import SiteConfig
from nextsociety.model.translations import split_language
from nextsociety.scaffold import NewFile, event_files, news_item_files, slugify


def add_new_command(commands: Any, common: argparse.ArgumentParser) -> None:
    scaffolding = argparse.ArgumentParser(add_help=False)
    scaffolding.add_argument(
        "--lang",
        metavar="CODES",
        help="languages to create, e.g. en,fr,ar (default: every language of the site)",
    )
    scaffolding.add_argument(
        "--slug", help="the file name (and id) without .md, instead of one made from the title"
    )
    new = commands.add_parser(
        "new",
        help="create a news item or an event, ready to write",
        description="Create the files of a news item or an event, with valid front matter and "
        "TODO text to replace.",
    )
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    _add_news_command(kinds, [common, scaffolding])
    _add_event_command(kinds, [common, scaffolding])


def _add_news_command(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    news = kinds.add_parser(
        "news",
        parents=parents,
        help="a news item or press release (a draft)",
        description="Create content/news/<year>/<slug>.md (the original, a draft) and its "
        "translations. The file name is made from the title and never changes.",
    )
    news.add_argument("title", help='the English title, in quotes: "Visit to Barcelona"')
    news.add_argument(
        "--type", choices=NEWS_TYPES, default="news", help="news (default) or press-release"
    )
    news.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="publication date (default: today); a later date is an embargo",
    )
    news.set_defaults(run=run_new_news)


def _add_event_command(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    event = kinds.add_parser(
        "event",
        parents=parents,
        help="an event, dated or planned",
        description="Create content/events/<year>/<slug>.md, or content/events/planned/<slug>.md "
        "for an event whose dates are not fixed, and its translations. The file name is the "
        "event's id.",
    )
    event.add_argument(
        "title", help='the English title, in quotes: "Benchmarking visit to Piedmont"'
    )
    event.add_argument(
        "--start", metavar="YYYY-MM-DD", help='first day (or "YYYY-MM-DD HH:MM" with --timezone)'
    )
    event.add_argument(
        "--end",
        metavar="YYYY-MM-DD",
        help="last day (or end time); leave out for a one-day event",
    )
    event.add_argument(
        "--planned",
        action="store_true",
        help="the dates are not fixed yet: no --start, filed under events/planned/",
    )
    event.add_argument(
        "--country",
        metavar="CODE",
        help="where it takes place: a two-letter code such as ES, TN, IT",
    )
    event.add_argument("--city", help="the city, in English")
    event.add_argument(
        "--timezone", metavar="ZONE", help="for start and end times: e.g. Europe/Madrid"
    )
    event.set_defaults(run=run_new_event)


def run_new_news(args: argparse.Namespace) -> int:
    config = project_config(project_root(args))
    title = _title(args.title)
    date = _date(args.date, "--date") if args.date else dt.date.today()
    slug = _slug(args.slug, title)
    codes = _languages(args.lang, config)
    contact = _press_contact(config)
    files = news_item_files(
        config.docs_dir, config.languages, codes, slug, title, date, args.type, contact
    )
    _write(config, files)
    kind = "press release" if args.type == "press-release" else "news item"
    print(f"Created a draft {kind} dated {date.isoformat()}:")
    _list_files(config, files)
    print(
        "Next: replace every TODO with your text, preview with `make serve`, and run `nextsociety "
        "check`.\n"
        "To publish, delete the line `draft: true`: the item goes online with the first build on "
        "or after its date."
    )
    return 0


def run_new_event(args: argparse.Namespace) -> int:
    config = project_config(project_root(args))
    title = _title(args.title)
    if args.planned and (args.start or args.end):
        raise UserError(
            "A planned event has no dates yet: leave out --start and --end, or leave out --planned."
        )
    if not args.planned and not args.start:
        raise UserError(
            "Give the event's first day with --start YYYY-MM-DD, or use --planned while its dates "
            "are not fixed."
        )
    if args.country is None:
        raise UserError(
            "Say in which country the event takes place with --country and its two-letter code, "
            "e.g. --country ES for Spain."
        )
    country = args.country.strip().upper()
    if not is_country(country):
        raise UserError(
            f"'{args.country}' is not a two-letter country code: {country_hint(args.country)}"
        )
    timezone = _timezone(args.timezone)
    start = _moment(args.start, "--start", timezone) if args.start else None
    end = _moment(args.end, "--end", timezone) if args.end else None
    slug = _slug(args.slug, title)
    existing = [uri for uri in _event_originals(config) if uri.rsplit("/", 1)[-1] == f"{slug}.md"]
    if existing:
        raise UserError(
            f"An event with the id '{slug}' already exists ({config.docs_dir}/{existing[0]}): "
            "nothing was written. "
            "Choose another title, or another file name with --slug."
        )
    codes = _languages(args.lang, config)
    files = event_files(
        config.docs_dir,
        config.languages,
        codes,
        slug,
        title,
        start,
        end,
        args.timezone,
        country,
        args.city,
    )
    _check_with_the_model(config, files)
    _write(config, files)
    print(
        "Created a planned event (no dates yet):"
        if start is None
        else f"Created an event starting {args.start}:"
    )
    _list_files(config, files)
    print(
        "Next: replace every TODO with your text, preview with `make serve`, and run `nextsociety "
        "check`.\n"
        "Events have no draft mode: the event goes online with the next build, so write it before "
        "you push."
    )
    return 0


def _check_with_the_model(config: SiteConfig, files: list[NewFile]) -> None:
    """The event's files pass the rules `check` and the build apply (dates in order and in
    range, time zone, country) before anything is written: the rules live in the model."""
    docs = config.docs_dir + "/"
    sources = [(file.path.removeprefix(docs), file.text) for file in files]
    try:
        load_events(sources, config.languages, KnownIds(), config.docs_dir)
    except DataError as exc:
        what = "; ".join(problem.message for problem in exc.problems)
        raise UserError(f"Nothing was written: {what}.") from None


def _title(value: str) -> str:
    title = value.strip()
    if not title:
        raise UserError(
            'The title is empty: write it in quotes, e.g. nextsociety new news "Visit to '
            'Barcelona".'
        )
    problem = check_plain_text(title)
    if problem:
        raise UserError(f"The title {problem}.")
    return title


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{option} '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25."
        ) from None


def _moment(value: str, option: str, timezone: str | None) -> dt.date | dt.datetime:
    if len(value) == 10:
        return _date(value, option)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{option} '{value}' is not a date: write YYYY-MM-DD, or \"YYYY-MM-DD HH:MM\" with "
            "--timezone."
        ) from None
    if timezone is None:
        raise UserError(
            f"{option} has a time, so the event needs a time zone: add e.g. --timezone "
            "Europe/Madrid."
        )
    return moment.replace(second=0, microsecond=0)


def _timezone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"'{value}' is not a time zone: use a name such as Europe/Madrid or Africa/Tunis."
        ) from None
    return value


def _slug(value: str | None, title: str) -> str:
    if value is not None:
        problem = check_slug(value)
        if problem:
            raise UserError(f"--slug {problem}.")
        return value
    slug = slugify(title)
    if not slug:
        raise UserError(
            "The title has no Latin letters or digits to make a file name from: give one with "
            "--slug, e.g. --slug barcelona-visit."
        )
    return slug


def _languages(value: str | None, config: SiteConfig) -> list[str]:
    codes = config.languages.codes
    if value is None:
        return list(codes)
    wanted = [code.strip() for code in value.split(",") if code.strip()]
    for code in wanted:
        if code not in codes:
            raise UserError(
                f"The site has no language '{code}': use {', '.join(codes)}, separated by commas."
            )
    return [config.languages.default.code, *wanted]  # the original is always written


def _press_contact(config: SiteConfig) -> str | None:
    """The first press contact of data/contacts.yml: a press release names whom to call."""
    if config.data_dir is None:
        return None
    try:
        registries = load_registries(
            config.root / config.data_dir, config.languages, config.data_dir
        )
    except DataError:
        return None  # `nextsociety check` reports the registry's problems
    return next((c.id for c in registries.contacts.values() if c.kind == "press"), None)


def _event_originals(config: SiteConfig) -> list[str]:
    folder = config.docs_path / "events"
    uris = [path.relative_to(config.docs_path).as_posix() for path in sorted(folder.glob("*/*.md"))]
    return [
        uri for uri in uris if split_language(uri, config.languages)[1] is config.languages.default
    ]


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
