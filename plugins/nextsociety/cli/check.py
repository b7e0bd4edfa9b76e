"""`nextsociety check`: every problem of the site, as the build would report it."""

from __future__ import annotations

import argparse
from typing import Any

from nextsociety.cli.project import plural, project_root
from nextsociety.cli.report import report
from nextsociety.model.publishing import placeholder_warnings
from nextsociety.model.site import Site, load_site


def add_check_command(commands: Any, common: argparse.ArgumentParser) -> None:
    check = commands.add_parser(
        "check",
        parents=[common],
        help="find every mistake in content/ and data/, with file and line",
        description="Validate content/ and data/ as the build does, without building. Every "
        "problem is listed as path:line: message (hint); the exit status is 1 when there is "
        "one, 0 otherwise.",
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: GitHub Actions annotations, shown on the lines of a pull request",
    )
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    root = project_root(args)
    site, problems = load_site(root)
    if site is None:
        report(problems, args.format, root, "error")
        count = len(problems)
        print(
            f"{plural(count, 'problem')} found: fix {'it' if count == 1 else 'each one'} in the "
            "file and line shown, "
            "then run `nextsociety check` again. Nothing is published while a problem remains."
        )
        return 1
    config = site.config
    warnings = placeholder_warnings(site.news, site.events, site.sources, config.docs_dir, site.now)
    report(warnings, args.format, root, "warning")
    note = f" ({plural(len(warnings), 'warning')} above)" if warnings else ""
    print(f"OK: no problems in {site.config.docs_dir}/ and data/ — {summary(site)}{note}.")
    return 0


def summary(site: Site) -> str:
    news, events = site.news, site.events
    releases = sum(item.is_press_release for item in news)
    scheduled = sum(not item.draft and not item.is_public(site.now) for item in news)
    drafts = sum(item.draft for item in news)
    planned = sum(not event.is_dated for event in events)
    suffix = "" if releases == 1 else "s"
    parts = [
        (
            f"{plural(len(news), 'news item')} ({releases} press release{suffix}, "
            f"{scheduled} scheduled, {plural(drafts, 'draft')})"
        ),
        f"{plural(len(events), 'event')} ({planned} planned)",
    ]
    if site.registries is not None:
        parts += [
            plural(len(site.registries.partners), "partner"),
            plural(len(site.registries.clusters), "cluster"),
            plural(len(site.registries.contacts), "contact"),
        ]
    codes = site.config.languages.codes
    return ", ".join(parts) + f"; languages {', '.join(codes)}"
