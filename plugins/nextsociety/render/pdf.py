"""Press releases as PDF, made with WeasyPrint (Pango shapes Arabic; text stays selectable).

The PDF is made from a small HTML document of its own (`pdf-release.html`), not from the web
page. Files are cached by a hash of what the document is made from (`pdf_key`: the template,
the release's text, the records and images it shows, WeasyPrint's version), never of the
document itself, so a rebuild renders no template and makes no PDF. WeasyPrint reads only files
of the built site: a URL under the site's address is served from `site/`, anything else is
refused (no request leaves the machine at build time). The same HTML gives the same bytes
(WeasyPrint writes no date unless the document gives one).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

# Part of every cache key: bump it when the code that makes the PDF changes what it shows
# (the view, the filters, the URL rules), or when the system's fonts or Pango change.
PDF_VERSION = "2"


class PdfError(Exception):
    """A release cannot be made into a PDF."""


def pdf_key(*inputs: str) -> str:
    """The cache key of a PDF made from `inputs` (each one length-prefixed: no two lists of
    inputs give the same bytes to hash)."""
    digest = hashlib.sha256(PDF_VERSION.encode())
    for part in inputs:
        data = part.encode()
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()[:24]


def engine_version() -> str:
    """WeasyPrint's version and its PDF writer's, read without importing them."""
    return " ".join(f"{name} {metadata.version(name)}" for name in ("weasyprint", "pydyf"))


def file_digest(path: Path) -> str:
    """A hash of a file's bytes (an image the PDF shows), read once per version of the file."""
    stat = path.stat()
    return _digest(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render_pdf(html: str, site_url: str, site_dir: Path) -> bytes:
    """The PDF of `html`; its links and images under `site_url` are read from `site_dir`."""
    from weasyprint import HTML  # imported here: only builds that make PDFs load it

    try:
        fetcher = _site_fetcher(site_url, site_dir)
        return bytes(HTML(string=html, base_url=site_url, url_fetcher=fetcher).write_pdf())
    except (OSError, ValueError) as exc:
        raise PdfError(str(exc)) from None


def _site_fetcher(site_url: str, site_dir: Path) -> Any:
    """WeasyPrint's URL fetcher, reading the built site's files and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    top = site_dir.resolve()

    class SiteFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if not url.startswith(site_url):
                raise PdfError(f"the PDF would load {url}, outside the site")
            path = (top / url[len(site_url) :].split("#")[0].split("?")[0]).resolve()
            if not path.is_relative_to(top) or not path.is_file():
                raise PdfError(f"the PDF names {url}, which is not a file of the site")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return SiteFetcher(allowed_protocols=("http", "https"))


def write_pdf(html: str, site_url: str, site_dir: Path, target: Path) -> None:
    """Make one PDF into the cache (written whole, then renamed into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(render_pdf(html, site_url, site_dir))
    partial.replace(target)
