"""Bad input to the i18n plugin fails the build with file, line and a hint.

Content and configuration problems are checked in-process with `load_site()`, the build's
first step; what MkDocs itself checks (site_url) with a build.
"""

from __future__ import annotations

from tests.conftest import REPO, tiny_mkdocs_yml
from tests.i18n.test_i18n_build import BASIC


def test_bad_slug_in_front_matter_names_file_and_line(check_site):
    result = check_site(
        {**BASIC, "content/about.fr.md": "---\ntitle: À propos\nslug: À Propos\n---\n# À propos\n"}
    )
    assert result.returncode != 0
    assert "about.fr.md:3: 'slug': 'À Propos' is not a slug" in result.log


def test_malformed_front_matter_names_file_and_line(check_site):
    result = check_site(
        {**BASIC, "content/about.fr.md": "---\ntitle: [unclosed\nslug: x\n---\n# x\n"}
    )
    assert result.returncode != 0
    assert "about.fr.md:3: malformed YAML" in result.log


def test_missing_string_translation_names_the_line(check_site, tmp_path):
    strings = tmp_path / "site.yml"
    strings.write_text(
        (REPO / "data" / "site.yml").read_text(encoding="utf-8")
        + "  extra.key:\n    en: Only English\n    fr: Seulement\n"
    )
    config = tiny_mkdocs_yml().replace(str(REPO / "data" / "site.yml"), str(strings))
    result = check_site(BASIC, mkdocs_yml=config)
    assert result.returncode != 0
    line = len(strings.read_text().splitlines()) - 2
    assert f"site.yml:{line}: string 'extra.key' has no 'ar' text" in result.log


def test_navigation_to_a_missing_page_fails(check_site):
    config = tiny_mkdocs_yml().replace("about.md", "abuot.md")
    result = check_site(BASIC, mkdocs_yml=config)
    assert result.returncode != 0
    assert "navigation points to 'abuot.md', which does not exist" in result.log


def test_unknown_language_option_is_reported(check_site):
    config = tiny_mkdocs_yml().replace(
        "site_name: THE NEXT SOCIETY", "sitename: THE NEXT SOCIETY", 1
    )
    result = check_site(BASIC, mkdocs_yml=config)
    assert result.returncode != 0
    assert "unknown key 'sitename'" in result.log and "did you mean 'site_name'?" in result.log


def test_missing_site_url_is_an_error(make_site):
    config = tiny_mkdocs_yml().replace("site_url: https://example.org/\n", "")
    result = make_site(BASIC, mkdocs_yml=config)
    assert result.returncode != 0
    assert "site_url is required" in result.log


def test_a_plugin_without_the_i18n_plugin_fails_at_start_up(tmp_path):
    """Plugins get the build's services from the i18n plugin: without it, a clear error."""
    import pytest
    import yaml
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from tests.conftest import write_project

    config = yaml.safe_load(tiny_mkdocs_yml())
    config["plugins"] = [{"nextsociety/news": {"press_texts": str(REPO / "data" / "press.yml")}}]
    write_project(tmp_path / "project", BASIC, yaml.safe_dump(config, allow_unicode=True))
    mkdocs_config = load_config(str(tmp_path / "project" / "mkdocs.yml"))
    with pytest.raises(PluginError, match="nextsociety/news needs the nextsociety/i18n plugin"):
        mkdocs_config.plugins.on_config(mkdocs_config)
