"""Our templates are autoescaped; Material's, written for MkDocs' plain rendering, are not."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import DictLoader, Environment
from nextsociety.plugins.i18n import own_templates_autoescape

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def test_our_templates_are_autoescaped_and_materials_are_not(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "ours.html").write_text("{{ value }}")
    env = Environment(
        loader=DictLoader({"partials/ours.html": "{{ value }}", "base.html": "{{ value }}"}),
        autoescape=own_templates_autoescape(str(tmp_path)),
    )
    hostile = '<script>alert("x")</script>'
    assert env.get_template("partials/ours.html").render(value=hostile) == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    )
    assert env.get_template("base.html").render(value=hostile) == hostile


def test_without_a_custom_dir_nothing_changes() -> None:
    assert own_templates_autoescape(None)("main.html") is False


def test_no_template_of_ours_escapes_by_hand() -> None:
    """Autoescaping, not a mix: `| e` in our templates would say escaping is opt-in."""
    by_hand = [
        f"{path.relative_to(OVERRIDES)}:{number}"
        for path in sorted(OVERRIDES.rglob("*"))
        if path.suffix in {".html", ".xml"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\|\s*e\s*(\}\}|\)|\|)|\{%-?\s*autoescape", line)
    ]
    assert by_hand == []
