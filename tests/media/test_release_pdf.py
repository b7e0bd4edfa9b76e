"""The real press release as PDF in its three languages: parsed back, its title, address and
press contact found, in few pages (issue 16)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.conftest import BuildResult

pytestmark = pytest.mark.slow

RELEASE = "news/2018/barcelona-benchmarking-visit/"


@pytest.mark.parametrize(
    ("prefix", "words", "end"),
    [
        ("", "off to a great", "ENDS"),
        ("fr/", "Barcelone", "FIN"),
        ("ar/", "برشلونة", "انتهى"),
    ],
)
def test_release_pdf(real_site: BuildResult, prefix: str, words: str, end: str) -> None:
    page = prefix + RELEASE
    link = real_site.soup(page).select_one(".ns-item__pdf a")
    assert link is not None and link["type"] == "application/pdf"
    reader = PdfReader(real_site.site / page / link["href"])
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 1 <= len(reader.pages) <= 3
    assert words in text and end in text
    assert "Inmaculada Ruiz" in text and "inmaculada.ruiz@anima.coop" in text
    assert f"thenextsociety.co/{page}".rstrip("/") in text.replace("\n", "")
