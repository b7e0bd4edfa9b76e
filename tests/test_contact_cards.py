"""Journalists save the press contact: a vCard per contact, linked from the press room and from
every release in every language, parsed back with every field (issue: press room, part 1)."""

from __future__ import annotations

import pytest
import vobject

from tests.conftest import BuildResult

pytestmark = pytest.mark.slow

RELEASE = "news/2018/barcelona-benchmarking-visit/"


@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_the_contact_card_is_linked_and_parses(real_site: BuildResult, prefix: str):
    for url in (f"{prefix}press/", f"{prefix}{RELEASE}"):
        soup = real_site.soup(url)
        link = soup.select_one('.ns-contact a[type="text/vcard"][download]')
        assert link is not None, url
        target = (real_site.site / url / link["href"]).resolve()
        card = vobject.readOne(target.read_text(encoding="utf-8"))
        assert card.fn.value == "Inmaculada Ruiz"
        assert card.email.value == "inmaculada.ruiz@anima.coop"
        assert card.tel.value == "tel:+33-4-96-11-67-69"
        assert card.org.value == ["ANIMA Investment Network"]
        titles = {t.params["LANGUAGE"][0]: t.value for t in card.contents["title"]}
        assert titles["en"] == "Communication Manager" and set(titles) == {"en", "fr", "ar"}


def test_the_programme_is_an_organisation(real_site: BuildResult):
    text = (real_site.site / "press" / "contacts" / "the-next-society.vcf").read_text("utf-8")
    card = vobject.readOne(text)
    assert card.kind.value == "org" and card.email.value == "welcome@thenextsociety.co"
