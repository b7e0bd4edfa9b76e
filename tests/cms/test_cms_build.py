"""What the build publishes at /admin/, and how it fails when the CMS is not installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from nextsociety.render.cms_bundle import BundleError, localize_bundle

from tests.conftest import REPO, BuildResult, copy_project, run_mkdocs_build

PACKAGE = REPO / "cms" / "node_modules" / "@sveltia" / "cms"
LOCK = json.loads((REPO / "cms" / "package-lock.json").read_text(encoding="utf-8"))


def test_the_pinned_cms_is_what_is_installed() -> None:
    pinned = LOCK["packages"]["node_modules/@sveltia/cms"]["version"]
    package = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == pinned
    assert json.loads((REPO / "cms" / "package.json").read_text())["dependencies"] == {
        "@sveltia/cms": pinned  # exact: no range
    }


@pytest.mark.slow
def test_admin_is_published_from_the_site_itself(real_site: BuildResult) -> None:
    admin = real_site.site / "admin"
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "https://unpkg.com/@sveltia/cms`" not in bundle and "cdn.jsdelivr.net" not in bundle
    assert "/admin/fonts/source-sans-3-latin-wght-normal.woff2" in bundle
    for name in ("source-sans-3-latin-wght-normal", "material-symbols-outlined-latin-wght-normal"):
        assert (admin / "fonts" / f"{name}.woff2").is_file()
    version = LOCK["packages"]["node_modules/@sveltia/cms"]["version"]
    assert (admin / f"sveltia@{version}" / "locales" / "ar.json").is_file()
    assert json.loads((admin / "sveltia" / "package.json").read_text())["version"] == version
    for prefix in ("", "fr/", "ar/"):
        page = (real_site.site / prefix / "admin" / "index.html").read_text(encoding="utf-8")
        assert 'name="robots" content="noindex"' in page
        assert (real_site.site / prefix / "admin" / "config.yml").is_file()


def test_a_bundle_that_changed_its_addresses_stops_the_build(tmp_path: Path) -> None:
    package = tmp_path / "cms"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("*.map", "*.mjs"))
    assert localize_bundle(package, "/admin/").files  # the copy works as it is
    bundle = package / "dist" / "sveltia-cms.js"
    bundle.write_text(bundle.read_text(encoding="utf-8").replace("unpkg.com", "cdn.example"))
    with pytest.raises(BundleError, match="no longer names"):
        localize_bundle(package, "/admin/")


@pytest.mark.slow
def test_the_build_says_how_to_install_a_missing_cms(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "cms").unlink()  # the copy's link to the installed package
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "nextsociety/cms: the web editor's file" in result.log
    assert "run 'make install' (or 'bash cms/install.sh')" in result.log
