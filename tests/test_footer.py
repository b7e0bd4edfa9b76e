"""The EU funding acknowledgement the press release states (co-funded up to 90 %) is in the
footer of every page, in the page's language."""

from __future__ import annotations

import re

import pytest

from tests.conftest import BuildResult

pytestmark = pytest.mark.slow

ACKNOWLEDGEMENT = {
    "en": "co-funded by the European Union up to 90%",
    "fr": "cofinancé par l’Union européenne à hauteur de 90\u202f%",
    "ar": "بتمويل مشترك من الاتحاد الأوروبي بنسبة تصل إلى 90%",
}


def test_every_page_acknowledges_the_eu_funding(real_site: BuildResult):
    pages = [p for p in real_site.site.rglob("*.html") if not {"pagefind", "admin"} & set(p.parts)]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        footer = html[html.index('class="md-copyright"') :]
        assert ACKNOWLEDGEMENT[lang] in footer, path.relative_to(real_site.site)
    assert len(pages) > 150
