"""Headless Chromium for the quality gates: a local server for a built site, axe-core, page visits.

Plain helpers (no pytest) so that the real-site tests and the "this gate can fail" tests share them.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.quality.checks import AXE_JS, target_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of one folder, served under a base path (as a static host serves site_url)."""

    base_path = "/"
    not_found_page = False  # answer a missing path with the site's 404.html, as static hosts do

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / ".outside-the-base-path" / "404")  # no such file: 404
        return super().translate_path("/" + path[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.not_found_page or not page.is_file():
            super().send_error(code, message, explain)
            return
        # As GitHub Pages and most static hosts: the site's root 404.html, with status 404.
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser that drops a connection it no longer needs is not an error of the site


@contextmanager
def serve(directory: Path, base_path: str = "/", not_found_page: bool = False) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) in a thread; yields the URL of its home page.

    `not_found_page`: a missing path gets the site's 404.html, as on GitHub Pages."""
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    attributes = {"base_path": base_path, "not_found_page": not_found_page}
    handler_class = type("Handler", (_SiteHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright):  # -> playwright.sync_api.Browser
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class Visit:
    """What a page did while it loaded: console errors (message, source URL), its requests and
    their failed answers, third-party requests."""

    url: str
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, in order
    failed_answers: list[str] = field(default_factory=list)  # "404 http://…" of any request


@dataclass
class RecordingPage:
    """A browser page whose every visit is recorded (see recording_page and visit)."""

    page: object  # playwright.sync_api.Page
    visits: list[Visit] = field(default_factory=list)
    in_flight: set[object] = field(default_factory=set)

    def flush(self) -> None:
        """Leave the current document: what it logged is dispatched (and attributed) before this returns."""
        if self.page.url != "about:blank":
            self.page.goto("about:blank")


@contextmanager
def recording_page(
    browser, home: str, public: tuple[str, Path] | None = None, viewport: dict | None = None
) -> Iterator[RecordingPage]:
    """A fresh page whose visits are recorded; requests that leave the site are blocked and listed.

    The site is served locally at `home`. `public` is (site_url, site folder): absolute URLs
    under the site's public address (which pages print for themselves: canonical, hreflang) are
    the same site, answered from its folder as the real host would (404 when there is no file).
    """
    context = browser.new_context(viewport=viewport or DESKTOP)
    page = context.new_page()
    recording = RecordingPage(page, [Visit("about:blank")])
    visits, in_flight = recording.visits, recording.in_flight

    def third_party(route) -> None:
        visits[-1].third_party.append(route.request.url)
        route.abort()  # no network here anyway; aborting keeps the page from waiting on it

    def public_url(route) -> None:
        site_url, site_dir = public or ("", Path())
        path = urlsplit(route.request.url).path[len(urlsplit(site_url).path) :]
        target = target_file(site_dir, path)
        if target is None:
            route.fulfill(status=404, content_type="text/html", body="Not Found")
        else:
            route.fulfill(path=target)

    def on_console(message) -> None:
        if message.type == "error":
            source = (message.location or {}).get("url", "")
            visits[-1].console_errors.append((f"console.error: {message.text}", source))

    # Regular expressions are matched inside the browser: only these requests come back to Python.
    first_party = [re.escape(origin_of(home) + "/"), "data:", "blob:", "about:"]
    if public:
        first_party.append(re.escape(public[0]))
        context.route(re.compile("^" + re.escape(public[0])), public_url)
    context.route(re.compile(f"^(?!{'|'.join(first_party)})"), third_party)
    page.on("console", on_console)
    page.on("pageerror", lambda error: visits[-1].console_errors.append((f"uncaught: {error}", "")))

    def on_request(request) -> None:
        in_flight.add(request)
        visits[-1].requests.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            visits[-1].failed_answers.append(f"{response.status} {response.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    try:
        yield recording
    finally:
        context.close()


def visit(recording: RecordingPage, url: str) -> Visit:
    """Open a page and wait until its requests are done; a page not answering 200 is an error too.

    What the previous page logs late is flushed first, so that it is never blamed on this one.
    """
    recording.flush()
    visited = Visit(url)
    recording.visits.append(visited)
    response = recording.page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        status = response.status if response else "no response"
        visited.console_errors.append((f"HTTP {status}", url))
    quiet = 0
    for _ in range(250):  # at most 5 s; quiet three times in a row: a request started late counts
        quiet = quiet + 1 if not recording.in_flight else 0
        if quiet == 3:
            break
        recording.page.wait_for_timeout(20)
    return visited


def origin_of(url: str) -> str:
    """'http://127.0.0.1:8000/sub/page/' -> 'http://127.0.0.1:8000'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the loaded page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )


def axe_problems(page, label: str) -> list[str]:
    """One line per violated rule: page and width, rule, impact, what it asks, which elements."""
    return [
        f"{label}: {v['id']} ({v['impact']}): {v['help']} -> {', '.join(v['targets'][:5])}"
        + (f" (+{len(v['targets']) - 5} more)" if len(v["targets"]) > 5 else "")
        for v in run_axe(page)
    ]


def axe_problems_of(browser, home: str, samples: dict[str, str]) -> list[str]:
    """Every axe violation of the sample pages ({kind: URL path}) at desktop and mobile widths."""
    problems = []
    with recording_page(browser, home) as recording:
        for kind, url_path in sorted(samples.items()):
            visit(recording, home + url_path.lstrip("/"))  # at the context's DESKTOP width
            problems += axe_problems(recording.page, f"{url_path} [{kind}] desktop")
            recording.page.set_viewport_size(MOBILE)
            recording.page.wait_for_timeout(100)  # let the layout settle at the new width
            problems += axe_problems(recording.page, f"{url_path} [{kind}] mobile")
    return problems


# --- Gate 4: what only a browser shows -------------------------------------------------------


def visit_problems(
    browser, home: str, url_paths: list[str], public: tuple[str, Path] | None = None
) -> list[str]:
    """Console errors, uncaught exceptions, non-200 answers, third-party requests and resources
    fetched twice, of every page. (Material's requests for sitemap.xml under every alternate
    link are left unsent by main.html: they would be 404s here.)"""
    with recording_page(browser, home, public) as recording:
        for url_path in url_paths:
            visit(recording, home + url_path.lstrip("/"))
        recording.flush()
        problems = []
        for visited in recording.visits:
            url_path = (
                "/" + visited.url.removeprefix(home)
                if visited.url.startswith(home)
                else visited.url
            )
            problems += [
                f"{url_path}: {message}" + (f" ({source})" if source else "")
                for message, source in visited.console_errors
            ]
            problems += [f"{url_path}: answered {answer}" for answer in visited.failed_answers]
            problems += [
                f"{url_path}: request to a third-party host: {url}" for url in visited.third_party
            ]
            fetched = [u for u in visited.requests if not u.startswith(("data:", "blob:"))]
            problems += [
                f"{url_path}: fetched {fetched.count(u)} times: {u}"
                for u in sorted(set(fetched))
                if fetched.count(u) > 1
            ]
    return problems


def switcher_problems(page, url: str) -> list[str]:
    """Click each entry of the page's language switcher: each must land on a page in that language.

    An entry marked as a translation must land on a translated page, not on an untranslated copy.
    """
    page.goto(url)
    entries = page.eval_on_selector_all(
        "a.md-select__link[hreflang]",
        "links => links.map(a => ({lang: a.hreflang, kind: a.dataset.nsSwitch, href: a.href}))",
    )
    if len(entries) < 2:
        return [f"{url}: no language switcher with two or more languages (found {entries})"]
    problems = []
    for entry in entries:
        page.goto(url)
        # The list opens on hover, as a reader's pointer opens it.
        page.hover(".md-header .md-select")
        with page.expect_navigation() as navigation:
            page.click(f'.md-header a.md-select__link[hreflang="{entry["lang"]}"]')
        landed = page.evaluate(
            "() => ({url: location.href, lang: document.documentElement.lang,"
            " untranslated: !!document.querySelector('[data-ns-untranslated]')})"
        )
        label = f"{url}: switcher entry {entry['lang']} ({entry['kind']})"
        if navigation.value is None or navigation.value.status != 200:
            problems.append(
                f"{label} landed on a page that answers {navigation.value and navigation.value.status}"
            )
        if landed["url"] != entry["href"]:
            problems.append(f"{label} landed on {landed['url']}, not {entry['href']}")
        if landed["lang"] != entry["lang"]:
            problems.append(f"{label} landed on a page with lang={landed['lang']!r}")
        if entry["kind"] == "translation" and landed["untranslated"]:
            problems.append(f"{label} landed on an untranslated copy")
    return problems


def direction_problems(page, url: str, direction: str) -> list[str]:
    """The page reads in `direction` and its navigation sidebar sits on that side (desktop width)."""
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    found = page.evaluate(
        """() => {
            const nav = document.querySelector('.md-sidebar--primary');
            const box = nav && nav.getBoundingClientRect();
            return {direction: getComputedStyle(document.body).direction,
                    navCentre: box && box.width > 0 ? box.left + box.width / 2 : null,
                    width: document.documentElement.clientWidth};
        }"""
    )
    problems = []
    if found["direction"] != direction:
        problems.append(f"{url}: computed direction is {found['direction']}, not {direction}")
    if found["navCentre"] is None:
        problems.append(f"{url}: no visible navigation sidebar at {DESKTOP['width']} px")
    else:
        side = "right" if found["navCentre"] > found["width"] / 2 else "left"
        expected = "right" if direction == "rtl" else "left"
        if side != expected:
            problems.append(f"{url}: the navigation sits on the {side}, not on the {expected}")
    return problems


PRINT_HIDDEN = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer navigation": ".md-footer",
}


def print_problems(page, url: str) -> list[str]:
    """Printed, the page shows neither header nor navigation (which the screen does show)."""
    page.set_viewport_size(DESKTOP)
    problems = []
    try:
        page.emulate_media(media="screen")
        page.goto(url)
        if not page.is_visible(PRINT_HIDDEN["header"]):
            problems.append(
                f"{url}: the header is not visible on screen, so printing proves nothing"
            )
        page.emulate_media(media="print")
        for what, selector in PRINT_HIDDEN.items():
            if page.is_visible(selector):
                problems.append(f"{url}: the {what} ({selector}) is printed")
        if not page.is_visible("article"):
            problems.append(f"{url}: the article is not printed")
    finally:
        page.emulate_media(media="screen")
    return problems
