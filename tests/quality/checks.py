"""The quality gates' checking logic, as plain functions over a built site folder.

The real-site tests and the "this gate can fail" tests call the same functions. Each function
returns a list of problems, each naming the page (its path inside the site) and the fault, so
a failing test prints exactly what to fix.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

TESTS = Path(__file__).resolve().parent.parent
NODE_MODULES = TESTS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

# Schemes that point at no file: never resolved, never listed as external.
IGNORED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "about:", "blob:")
# Attributes that carry a URL (srcset is a list of them).
URL_ATTRIBUTES = ("href", "src", "poster", "srcset", "{http://www.w3.org/1999/xlink}href")


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, sorted, so that messages come out in a stable order.

    The web editor's pages (admin/) are an application, not pages of the site: its own browser
    test (tests/cms/test_admin_browser.py) checks them."""
    return sorted(p for p in site.rglob("*.html") if "admin" not in p.relative_to(site).parts)


def page_name(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# --- Gate 1: links ---------------------------------------------------------------------------


@dataclass
class LinkReport:
    """Dead internal links (page: fault) and the external URLs found, by page."""

    dead: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)
    checked: int = 0


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def _urls_in_html(path: Path) -> Iterator[tuple[str, str]]:
    """(attribute, url) for every URL-carrying attribute of an HTML page."""
    tree = lxml.html.parse(str(path))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                for url in _srcset_urls(value):
                    yield attribute, url
            else:
                yield attribute.rpartition("}")[2], value.strip()


def _urls_in_xml(path: Path) -> Iterator[tuple[str, str]]:
    """Links of sitemaps and feeds: <loc> text and every href attribute."""
    try:
        tree = lxml.etree.parse(str(path))
    except lxml.etree.XMLSyntaxError as error:
        yield "xml", f"invalid XML: {error}"
        return
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if lxml.etree.QName(element).localname == "loc" and element.text:
            yield "loc", element.text.strip()
        if element.get("href") is not None:
            yield "href", element.get("href", "").strip()


def _anchors(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    """The fragment targets of a page: every id, and the name of every <a name>."""
    if path not in cache:
        tree = lxml.html.parse(str(path))
        ids = {
            element.get("id")
            for element in tree.iter()
            if isinstance(element.tag, str) and element.get("id")
        }
        ids |= {a.get("name") for a in tree.iter("a") if a.get("name")}
        cache[path] = ids
    return cache[path]


def target_file(site: Path, url_path: str) -> Path | None:
    """The file a path inside the site is served from, as a static host would: dir/ -> dir/index.html."""
    target = site / unquote(url_path).lstrip("/")
    if url_path == "" or url_path.endswith("/"):
        target = target / "index.html"
    if target.is_file():
        return target
    if target.is_dir() and (target / "index.html").is_file():
        return target / "index.html"
    return None


def check_links(site: Path, site_url: str) -> LinkReport:
    """Every internal href/src (also absolute URLs under site_url) resolves, #fragments included."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    base_parts = urlsplit(base)
    report = LinkReport()
    anchor_cache: dict[Path, set[str]] = {}
    files = html_pages(site) + sorted(site.rglob("*.xml"))
    for path in files:
        name = page_name(site, path)
        page_url = urljoin(base, name)
        urls = _urls_in_xml(path) if path.suffix == ".xml" else _urls_in_html(path)
        for attribute, url in urls:
            if attribute == "xml":
                report.dead.append(f"{name}: {url}")
                continue
            if not url or url.lower().startswith(IGNORED_SCHEMES):
                continue
            report.checked += 1
            absolute = urljoin(page_url, url)
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != base_parts.netloc:
                report.external.setdefault(absolute, set()).add(name)
                continue
            if not parts.path.startswith(base_parts.path):
                report.dead.append(
                    f"{name}: {attribute}={url!r} leaves the site's base path {base_parts.path}"
                )
                continue
            target = target_file(site, parts.path[len(base_parts.path) :])
            if target is None:
                report.dead.append(f"{name}: {attribute}={url!r} -> {parts.path} does not exist")
                continue
            fragment = unquote(parts.fragment)
            if (
                fragment
                and fragment.lower() != "top"  # HTML: #top scrolls to the top without an element
                and target.suffix == ".html"
                and fragment not in _anchors(target, anchor_cache)
            ):
                report.dead.append(
                    f"{name}: {attribute}={url!r} -> {page_name(site, target)} has no id {fragment!r}"
                )
    return report


# --- Gate 2: valid HTML ----------------------------------------------------------------------


@dataclass(frozen=True)
class KnownError:
    """A checker message we accept, and why: matched on the message and the offending markup."""

    message: str  # regular expression, matched from the message's start
    extract: str  # regular expression searched in the markup vnu quotes
    why: str


VNU_KNOWN_ERRORS = (
    KnownError(
        message=r"Attribute “autocomplete” is only allowed when the input type is",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        # Material's base.html sets autocomplete="off" on its two hidden drawer/search toggle
        # checkboxes so Firefox does not restore their state on reload; forking base.html to
        # drop it is what DESIGN.md forbids (forked theme files rot), and browsers ignore it.
        why="Material's base.html: autocomplete=off on the md-toggle checkboxes",
    ),
    KnownError(
        message=r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        extract=r'<label class="md-nav__title" for="__toc">',
        # Material's partials/toc.html labels the table of contents for the checkbox #__toc, which
        # its nav-item.html renders only for a page listed in the navigation; news items are kept
        # out of the navigation on purpose (DESIGN.md: a nav listing every item is quadratic), so
        # their label points at nothing. Harmless (the label still names the list); Material's markup.
        why="Material's toc.html: label for #__toc on a page outside the navigation",
    ),
)


def java_available() -> bool:
    return shutil.which("java") is not None


def run_vnu(paths: Iterable[Path]) -> list[dict]:
    """The Nu HTML Checker over many files or folders in one Java run: its JSON messages."""
    command = [
        "java",
        "-Xss4m",
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--skip-non-html",
        "--exit-zero-always",
    ]
    proc = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, check=False, timeout=900
    )
    try:
        return json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise RuntimeError(
            f"vnu.jar gave no JSON report (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
        ) from error


def _known(message: dict) -> bool:
    return any(
        re.match(known.message, message.get("message", ""))
        and re.search(known.extract, message.get("extract", ""))
        for known in VNU_KNOWN_ERRORS
    )


def check_html_valid(site: Path) -> list[str]:
    """Every error the Nu HTML Checker finds in the site's pages, less the known Material ones."""
    problems = []
    for message in run_vnu([site]):
        if message.get("type") not in ("error", "non-document-error") or _known(message):
            continue
        url = message.get("url", "")
        name = Path(url.removeprefix("file:")).resolve()
        where = page_name(site.resolve(), name) if name.is_relative_to(site.resolve()) else url
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{where}:{line}: {message.get('message')} [{extract}]")
    return problems


# --- Gate 3 and 4: pages to open in the browser ----------------------------------------------

_YEAR = re.compile(r"^\d{4}$")
_NUMBER = re.compile(r"^\d+$")


def template_key(site: Path, path: Path, languages: Iterable[str]) -> str:
    """What kind of page this is, from its URL shape: one page per key is enough to test a template.

    'fr/news/2018/barcelona/index.html' -> 'fr news/{year}/{slug}'; untranslated copies
    (rendered from the fallback language with a notice) are a kind of their own.
    """
    parts = list(path.relative_to(site).parts)
    language = "en"
    if parts and parts[0] in languages:
        language = parts.pop(0)
    if parts[-1] == "index.html":
        parts.pop()
    shape = []
    for i, part in enumerate(parts):
        if i == 0 or part == "page":
            shape.append(part)
        elif _YEAR.match(part):
            shape.append("{year}")
        elif _NUMBER.match(part):
            shape.append("{n}")
        else:
            shape.append("{slug}")
    untranslated = (
        " (untranslated)" if "data-ns-untranslated" in path.read_text(encoding="utf-8") else ""
    )
    return f"{language} /{'/'.join(shape)}{untranslated}"


def template_samples(site: Path, languages: Iterable[str]) -> dict[str, str]:
    """{kind of page: URL path of its first page}, in every language."""
    languages = list(languages)
    samples: dict[str, str] = {}
    for path in html_pages(site):
        key = template_key(site, path, languages)
        url = "/" + page_name(site, path).removesuffix("index.html")
        samples.setdefault(key, url)
    return samples


def url_paths(site: Path) -> list[str]:
    """The URL path of every HTML page, as served from the site root."""
    return ["/" + page_name(site, path).removesuffix("index.html") for path in html_pages(site)]


# --- Gate 5: reproducible builds -------------------------------------------------------------


def compare_trees(first: Path, second: Path) -> list[str]:
    """Every file that differs between two build folders, or exists in only one of them."""

    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    a, b = files(first), files(second)
    problems = [f"{name}: only in the first build" for name in sorted(a - b)]
    problems += [f"{name}: only in the second build" for name in sorted(b - a)]
    for name in sorted(a & b):
        left, right = (first / name).read_bytes(), (second / name).read_bytes()
        if left != right:
            problems.append(f"{name}: differs ({_first_difference(left, right)})")
    return problems


def _first_difference(left: bytes, right: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right))
    )
    return f"from byte {at}: {left[at : at + 60]!r} vs {right[at : at + 60]!r}"
