"""Typography and wording a native editor would sign, on every page of the real site (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup, Comment

from tests.conftest import REPO, BuildResult

SKIPPED = ("script", "style", "code", "pre")
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
# French: a narrow no-break space (or a no-break space) before : ; ? ! and inside « ».
FRENCH_BAD = re.compile(
    r"(?:(?<= )|(?<=[^\s\u202f\u00a0]))[:;?!](?=[\s\u00a0\u202f»)\]]|$)|«(?![\u202f\u00a0])|(?<![\u202f\u00a0])»"
)
# English and Arabic: no space of any kind before a colon or a semicolon.
OTHER_BAD = re.compile(r"[ \u00a0\u202f][:;؛](?=\s|$)")
RULES = {"fr": FRENCH_BAD, "en": OTHER_BAD, "ar": OTHER_BAD}
PREFIX = {"en": "", "fr": "fr/", "ar": "ar/"}


def faults(html: str, lang: str) -> list[str]:
    """Text nodes and accessible names in `lang` that break its punctuation rule."""
    soup = BeautifulSoup(html, "lxml")
    rule, found = RULES[lang], []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or node.find_parent(SKIPPED):
            continue
        owner = node.find_parent(attrs={"lang": True})
        if owner is not None and owner["lang"].split("-")[0] != lang:
            continue  # a fallback text or a name in another language
        found += [
            f"text: …{node[max(0, m.start() - 25) : m.end() + 10]}…"
            for m in rule.finditer(str(node))
        ]
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str) and rule.search(value):
                found.append(f"{element.name} {attribute}: {value}")
    return found


def pages_of(site: BuildResult, lang: str) -> list[Path]:
    others = [PREFIX[code] for code in PREFIX if code != lang and PREFIX[code]]
    pages = sorted((site.site / PREFIX[lang]).rglob("*.html"))
    return [
        p
        for p in pages
        if not any(p.relative_to(site.site).as_posix().startswith(o) for o in others)
    ]


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_punctuation_in_every_text_node(real_site: BuildResult, lang: str) -> None:
    problems = []
    for page in pages_of(real_site, lang):
        problems += [
            f"{page.relative_to(real_site.site)}: {f}"
            for f in faults(page.read_text(encoding="utf-8"), lang)
        ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("html", "lang"),
    [
        ('<p lang="fr">Téléphone : 1</p>', "fr"),
        ('<p lang="fr">Téléphone: 1</p>', "fr"),
        ('<p lang="fr">« Cluster »</p>', "fr"),
        ('<a title="Suivant: Presse">x</a>', "fr"),
        ('<p lang="en">Phone : 1</p>', "en"),
        ('<p lang="ar">الهاتف : 1</p>', "ar"),
    ],
)
def test_the_punctuation_check_catches_faults(html: str, lang: str) -> None:
    assert faults(html, lang)


def test_the_punctuation_check_accepts_right_typography() -> None:
    assert not faults(
        '<p>Téléphone\u202f: 1 ; <a href="https://x.org">https://x.org</a> «\u202fx\u202f»</p>'.replace(
            " ;", "\u202f;"
        ),
        "fr",
    )
    assert not faults('<p lang="fr">x <span lang="en">Phone: 1</span></p>', "fr")


def test_french_and_arabic_wording(real_site: BuildResult) -> None:
    french = "\n".join(p.read_text(encoding="utf-8") for p in pages_of(real_site, "fr"))
    assert "en Piémont" not in french and "dans le Piémont" in french
    assert "Dates à annoncer" not in french and ">Tenu<" not in french
    assert "Terminé" in real_site.html("fr/events/")
    arabic = "\n".join(p.read_text(encoding="utf-8") for p in pages_of(real_site, "ar"))
    for wrong in (
        "العناقيد",
        "(ics.)",
        "منطقة الجنوب",
        "بعثات الأسواق",
        "(مكتملة)",
        ">انعقد<",
        ">مخطط له<",
    ):
        assert wrong not in arabic, wrong
    for right in (
        "التجمعات العنقودية",
        "تجمّع عنقودي",
        "زيارة المقارنة المرجعية",
        "البعثات التجارية",
        "الاشتراك في التقويم",
        "اكتمل",
        "انعقدت",
        "تساهم",
    ):
        assert right in arabic, right
    # a Latin token in parentheses is isolated with left-to-right marks, so it stays in place
    assert "(\u200e.ics\u200e)\u200f" in real_site.html(
        "ar/events/2018/barcelona-benchmarking-visit/"
    )


@pytest.mark.parametrize(
    ("prefix", "title"), [("", "Permanent link"), ("fr/", "Lien permanent"), ("ar/", "رابط دائم")]
)
def test_materials_interface_strings_follow_the_page(
    real_site: BuildResult, prefix: str, title: str
) -> None:
    soup = real_site.soup(prefix + "about/")
    anchors = soup.select("a.headerlink")
    assert anchors and all(a["title"] == title for a in anchors)
    footer_links = [a["aria-label"] for a in soup.select("a.md-footer__link")]
    assert footer_links and not any(
        faults(f'<a title="{name}">x</a>', prefix.rstrip("/") or "en") for name in footer_links
    )


@pytest.mark.parametrize("name", ["footer.html", "copyright.html"])
def test_our_copies_of_materials_partials_differ_only_where_they_must(name: str) -> None:
    """Re-sync overrides/partials/{footer,copyright}.html when Material changes its own."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / name).read_text(
        encoding="utf-8"
    )
    ours = (REPO / "overrides" / "partials" / name).read_text(encoding="utf-8")
    strip = lambda text: [
        line
        for line in re.sub(r"\{#-.*?-#\}", "", text, flags=re.DOTALL).splitlines()
        if line.strip()
    ]
    # Ours are autoescaped (overrides/): Material's `| e` is what autoescaping does for us.
    theirs_lines, ours_lines = strip(theirs.replace(" | e }}", " }}")), strip(ours)
    if name == "footer.html":
        ours_lines = [
            line.replace("{{ i18n.t('punctuation.colon') }}", ": ") for line in ours_lines
        ]
        assert ours_lines == theirs_lines
    else:  # ours is Material's copyright block without the "Made with" line (extra.generator: false)
        kept = theirs_lines[: theirs_lines.index("  {% if not config.extra.generator == false %}")]
        assert ours_lines[: len(kept)] == kept
