#!/usr/bin/env python3
"""What a reader's first search downloads: bytes fetched from site/pagefind/, by kind of file.

Serves a built site on 127.0.0.1 (plain http.server, as a static host without compression),
opens one page per language in headless Chromium, opens the header search, types a query
and waits for the results; every response under pagefind/ is recorded. Prints a Markdown
table: bytes as served, and the bytes a host that gzips text (JS, CSS, JSON) would
send (the wasm and .pf_* files are gzipped already).

    /tmp/venv/bin/python benchmarks/search_download.py /tmp/search-site
    /tmp/venv/bin/python benchmarks/search_download.py benchmarks/work/5000/site-ours-1 --queries en:innovation

Not a test: see benchmarks/README.md, "Search download size", for the figures.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the quality gates' browser helpers: tests/quality/browser.py

from tests.quality.browser import launch, serve

DEFAULT_QUERIES = ["en:Barcelona", "fr:Barcelone", "ar:برشلونة"]
PAGE = "about/"  # any page with the header search
KINDS = [  # (label, test on the file name), first match wins
    ("UI (component JS + CSS)", lambda name: name.startswith("pagefind-component-ui")),
    (
        "search library (pagefind.js + worker)",
        lambda name: name in ("pagefind.js", "pagefind-worker.js"),
    ),
    ("wasm (language's stemmer + search)", lambda name: name.startswith("wasm.")),
    ("entry + language metadata", lambda name: name.endswith((".json", ".pf_meta"))),
    ("filter chunks", lambda name: name.endswith(".pf_filter")),
    ("word index chunks", lambda name: name.endswith(".pf_index")),
    ("result fragments", lambda name: name.endswith(".pf_fragment")),
]


def kind_of(name: str) -> str:
    return next((label for label, test in KINDS if test(name)), "other")


def wire_size(name: str, body: bytes) -> int:
    """Bytes sent by a host that gzips text; Pagefind's wasm and data files are gzip already."""
    if name.endswith((".js", ".css", ".json")):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def measure(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as home, sync_playwright() as playwright:
        browser = launch(playwright)
        for spec in queries:
            lang, query = spec.split(":", 1)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(home) else route.abort()
                ),
            )
            page = context.new_page()
            responses = []
            page.on(
                "response",
                lambda response, seen=responses: (
                    seen.append(response) if "/pagefind/" in response.url else None
                ),
            )
            page.goto(home + ("" if lang == "en" else f"{lang}/") + PAGE, wait_until="load")
            page.click(".ns-search__button")
            page.wait_for_selector("pagefind-modal dialog[open] pagefind-input input")
            page.fill("pagefind-modal pagefind-input input", query)
            page.wait_for_selector("pagefind-results li a.pf-result-link", timeout=30000)
            page.wait_for_load_state("networkidle")
            count = page.evaluate(
                "() => window.PagefindComponents.getInstanceManager()"
                ".getInstance('default').searchResult.results.length"
            )
            totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            for response in responses:
                body = response.body()
                name = response.url.split("?")[0].rsplit("/", 1)[-1]
                total = totals[kind_of(name)]
                total[0] += 1
                total[1] += len(body)
                total[2] += wire_size(name, body)
            rows.append({"lang": lang, "query": query, "results": count, "kinds": dict(totals)})
            context.unroute_all(behavior="ignoreErrors")
            context.close()
        browser.close()
    return rows


def report(site: Path, rows: list[dict]) -> str:
    pages = sum(1 for _ in site.rglob("index.html"))
    lines = [f"Site: {site} ({pages} HTML pages)", ""]
    for row in rows:
        lines += [
            f"First search for “{row['query']}” on a {row['lang']} page: {row['results']} results",
            "",
            "| files | count | bytes as served | bytes gzipped on the wire |",
            "|---|---:|---:|---:|",
        ]
        total = [0, 0, 0]
        for label, _ in [*KINDS, ("other", None)]:
            if label in row["kinds"]:
                count, raw, wire = row["kinds"][label]
                total = [total[0] + count, total[1] + raw, total[2] + wire]
                lines.append(f"| {label} | {count} | {raw:,} | {wire:,} |")
        lines += [f"| **total** | {total[0]} | **{total[1]:,}** | **{total[2]:,}** |", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, help="a built site folder (with pagefind/)")
    parser.add_argument("--queries", nargs="+", default=DEFAULT_QUERIES, metavar="LANG:QUERY")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind-entry.json").is_file():
        parser.error(
            f"{args.site} has no pagefind/ index: build it with the nextsociety/search plugin"
        )
    print(report(args.site, measure(args.site, args.queries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
