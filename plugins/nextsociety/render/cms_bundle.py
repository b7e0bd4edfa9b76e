"""The pinned CMS bundle made to load everything from our own site. No MkDocs here.

Sveltia CMS's one-file build fetches its fonts from a CDN (an `@font-face` it injects), its
interface strings for other languages than English and an "update available" check from a
package CDN, all before anyone signs in. The npm package ships the same files, so the build
publishes them under `admin/` and points the bundle at them: the three CDN addresses below are
replaced, and a bundle without them fails the build (an upgrade must be looked at again).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGE_CDN = "https://unpkg.com/@sveltia/cms"  # + "/package.json", "@<version>/locales/…"
FONT_CDN = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<family>[a-z0-9-]+)(?::vf)?@[0-9.]+/"
    r"(?P<subset>[a-z0-9-]+)\.woff2"
)
MIRROR = "sveltia"  # admin/sveltia/package.json, admin/sveltia@<version>/locales/<code>.json
FONTS = "fonts"


class BundleError(Exception):
    """The bundle no longer looks as this module expects (a new CMS version)."""


@dataclass(frozen=True)
class LocalBundle:
    """The bundle's text, and the package files to publish: path under admin/ -> source file."""

    text: str
    files: dict[str, Path]


def localize_bundle(package: Path, admin_url: str) -> LocalBundle:
    """The bundle of the npm package in `package`, loading from `admin_url` (e.g. "/admin/")."""
    text = (package / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    if f"`{PACKAGE_CDN}`" not in text or not FONT_CDN.search(text):
        raise BundleError(
            f"the CMS bundle no longer names {PACKAGE_CDN} and its fonts' CDN: "
            "check what it loads (render/cms_bundle.py) before upgrading"
        )
    files: dict[str, Path] = {f"{MIRROR}/package.json": package / "package.json"}
    for locale in sorted((package / "locales").glob("*.json")):
        files[f"{MIRROR}@{version}/locales/{locale.name}"] = locale
    for chunk in sorted((package / "dist" / "chunks").glob("*.js")):
        files[f"{MIRROR}@{version}/dist/chunks/{chunk.name}"] = chunk
    assets = package / "npm" / "assets"

    def local_font(match: re.Match[str]) -> str:
        stem = f"{match['family']}-{match['subset']}"
        found = sorted(assets.glob(f"{stem}-*.woff2"))
        if not found:
            raise BundleError(f"the CMS package has no font file {stem}-*.woff2 in npm/assets/")
        files[f"{FONTS}/{stem}.woff2"] = found[0]
        return f"{admin_url}{FONTS}/{stem}.woff2"

    text = FONT_CDN.sub(local_font, text)
    text = text.replace(f"`{PACKAGE_CDN}`", f"`{admin_url}{MIRROR}`")
    return LocalBundle(text, files)
