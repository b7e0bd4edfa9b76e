"""The media kit's key figures trace to the seed press release, in every language."""

from __future__ import annotations

import re

from tests.conftest import REPO

SEED = (REPO / "tests" / "fixtures" / "seed-press-release.txt").read_text(encoding="utf-8")
KIT = REPO / "content" / "press"


def figures(name: str) -> list[str]:
    """The first cell of every row of the page's key figures table."""
    text = (KIT / name).read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|]+?) \|", text, flags=re.MULTILINE)
    return [row for row in rows if not set(row) <= {"-"}][1:]  # without the header row


def test_english_figures_are_the_seeds_words():
    rows = figures("media-kit.md")
    assert len(rows) == 7
    for figure in rows[:-1]:
        assert figure.replace("–", "-") in SEED, figure
    partners = SEED.split("THE NEXT SOCIETY partners' community", 1)[1].split("Join or follow")[0]
    assert rows[-1] == str(len(partners.split(" | ")))


def test_translations_give_the_same_numbers():
    def digits(rows: list[str]) -> list[str]:
        return [re.sub(r"[^\d]", "", row) for row in rows]

    english = digits(figures("media-kit.md"))
    for name in ("media-kit.fr.md", "media-kit.ar.md"):
        assert digits(figures(name)) == english, name
