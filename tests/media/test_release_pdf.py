"""The real press release as PDF in its three languages: parsed back, its title, address and
press contact found, in few pages; the Arabic text selectable and in logical order (issue 16).

A PDF draws glyphs left to right; readers (viewers, pypdf) read a run of Arabic glyphs from the
right. Text comes back as written when the producer shaped and ordered it with the bidi
algorithm (Pango, under WeasyPrint): a PDF of unordered text gives each run reversed, one of
text reshaped by hand gives presentation forms that a search for the word does not find, and
one of outlines gives no text at all. Each of those fails here."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.conftest import BuildResult

RELEASE = "news/2018/barcelona-benchmarking-visit/"
# Arabic letters and their marks (tatweel, harakat, superscript alef): words, not punctuation
# or digits, whose order bidi reordering would change.
ARABIC_RUN = re.compile(r"[\u0621-\u065F\u0670-\u06D3]+(?: [\u0621-\u065F\u0670-\u06D3]+)*")
# Arabic presentation forms: glyph shapes as characters, what text reshaped by hand gives
PRESENTATION_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")


def arabic_runs(line: str) -> list[str]:
    """The runs of Arabic words of one line of text, spaces collapsed."""
    return ARABIC_RUN.findall(" ".join(line.split()))


def misordered_runs(lines: list[str], source: str) -> list[str]:
    """The Arabic runs of extracted `lines` that are not in `source` as written: a PDF whose
    text is stored in visual order gives each word's letters, and the words, reversed. Runs
    are taken line by line: pypdf joins a line's runs of both scripts in visual order."""
    written = " ".join(source.split())
    return [run for line in lines for run in arabic_runs(line) if run not in written]


def pdf_lines(reader: PdfReader) -> list[str]:
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def test_misordered_runs_finds_visual_order():
    source = "انطلقت في كتالونيا سلسلة من زيارات"
    assert misordered_runs(["Cluster في كتالونيا 2018", "سلسلة من"], source) == []
    assert misordered_runs(["كتالونيا في"], source) == ["كتالونيا في"]  # words reversed
    assert misordered_runs([source[::-1]], source) == [source[::-1]]  # letters reversed


@pytest.mark.slow
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
    assert "+33 4 96 11 67 69" in text
    assert f"thenextsociety.co/{page}".rstrip("/") in text.replace("\n", "")


@pytest.mark.slow
def test_arabic_release_pdf_is_text_in_logical_order(real_site: BuildResult) -> None:
    page = "ar/" + RELEASE
    soup = real_site.soup(page)
    title = soup.h1.get_text(" ")
    body = soup.select_one(".ns-item__body").get_text(" ")
    reader = PdfReader(real_site.site / page / soup.select_one(".ns-item__pdf a")["href"])
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.metadata is not None and reader.metadata.title == " ".join(title.split())
    lines = pdf_lines(reader)
    assert not PRESENTATION_FORMS.search("".join(lines)), "letters, not shaped glyph forms"
    # selectable text: every Arabic word of the title and the body is there as text...
    found = {word for line in lines for run in arabic_runs(line) for word in run.split()}
    wanted = {word for run in arabic_runs(title + "\n" + body) for word in run.split()}
    assert len(wanted) > 200 and wanted <= found, sorted(wanted - found)[:10]
    # ...and in the order it is written, not the order it is drawn
    source = soup.select_one("article").get_text(" ")
    assert misordered_runs(lines, source) == []
    assert "ينطلق بقوة مع أول زيارة" in " ".join(" ".join(lines).split())
