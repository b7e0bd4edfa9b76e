"""The media kit's files, without a build: the partner CSV, sizes as people read them, the ZIP."""

from __future__ import annotations

import csv
import io
import zipfile

from nextsociety.model.languages import CONFIG_PATH
from nextsociety.model.site import load_site
from nextsociety.render.mediakit import file_size, kit_zip, partners_csv

from tests.conftest import REPO


def translator(lang: str):
    site, problems = load_site(REPO, CONFIG_PATH)
    assert site is not None, problems
    return site, lambda key: site.strings.get(key, lang)


def test_partner_csv_in_french_reads_back():
    site, t = translator("fr")
    partners = site.registries.get("partners").values()
    rows = list(csv.reader(io.StringIO(partners_csv(partners, "fr_FR", t).decode("utf-8"))))
    assert rows[0] == ["Nom", "Pays", "Type", "Site web"]
    assert len(rows) == 1 + 31
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Berytech"][1] == "Liban"
    assert by_name["Mowgli Foundation"][1] == "Royaume-Uni"  # as the release names it


def test_partner_csv_in_arabic_uses_arabic_country_names():
    site, t = translator("ar")
    partners = site.registries.get("partners").values()
    text = partners_csv(partners, "ar", t).decode("utf-8")
    assert text.startswith("الاسم,البلد,النوع,الموقع الإلكتروني\r\n")
    assert "فلسطين" in text


def test_sizes_are_written_in_the_readers_language():
    _, en = translator("en")
    _, fr = translator("fr")
    assert file_size(18_019, "en_GB", en) == "18 kB"
    assert file_size(2_440_000, "fr_FR", fr) == "2,4\u00a0Mo"


def test_zip_is_the_same_whatever_the_order_files_come_in():
    files = {"b.txt": b"b", "a/c.png": b"\x89PNG", "a.md": "é".encode()}
    first = kit_zip(files)
    assert first == kit_zip(dict(reversed(list(files.items()))))
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == ["a.md", "a/c.png", "b.txt"]
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in archive.infolist()} == {0o100644}
