"""Making Pagefind's bundle reproducible: the CBOR codec and the canonical rewrite."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from nextsociety.pagefind import (
    SIGNATURE,
    _decode,
    canonicalize_bundle,
    encode_cbor,
    read_data_file,
    write_data_file,
)

from tests.conftest import BuildResult


def test_cbor_round_trip() -> None:
    value = [
        "1.5.2",
        [0, 23, 24, 255, 256, 65536, 2**32, -1, -300],
        "برشلونة",
        b"\x00\x01",
        {"k": [True, None]},
        [],
    ]

    data = encode_cbor(value)

    assert _decode(data, 0) == (value, len(data))
    assert encode_cbor(24) == b"\x18\x18" and encode_cbor("a") == b"\x61a"  # shortest forms


def test_the_codec_reads_and_rewrites_pagefind_files_unchanged(real_site: BuildResult) -> None:
    bundle = real_site.site / "pagefind"
    paths = [
        *bundle.glob("*.pf_meta"),
        *bundle.glob("filter/*.pf_filter"),
        *bundle.glob("index/*.pf_index"),
    ]
    assert paths

    for path in paths:
        raw = gzip.decompress(path.read_bytes())
        assert encode_cbor(read_data_file(path)) == raw[len(SIGNATURE) :], path.name


def make_bundle(folder: Path, country_values: list) -> None:
    """A one-language bundle (and a second language) with two filters, values in the given order."""
    (folder / "filter").mkdir(parents=True)
    write_data_file(
        folder / "filter" / "en_1111111.pf_filter",
        encode_cbor(["Type", [["Page", [0]], ["Event", [1]]]]),
    )
    write_data_file(
        folder / "filter" / "en_2222222.pf_filter", encode_cbor(["Country", country_values])
    )
    meta = [
        "1.5.2",
        [["en_abcdef1", 10], ["en_abcdef2", 12]],
        [["a", "z", "en_3333333"]],
        [["Type", "en_1111111"], ["Country", "en_2222222"]],
        [],
        ["title", "type"],
    ]
    write_data_file(folder / "pagefind.en_0000000000.pf_meta", encode_cbor(meta))
    write_data_file(
        folder / "pagefind.fr_0000000000.pf_meta", encode_cbor(["1.5.2", [], [], [], [], []])
    )
    entry = {
        "version": "1.5.2",
        "languages": {
            "fr": {"hash": "fr_0000000000", "wasm": "fr", "page_count": 0},
            "en": {"hash": "en_0000000000", "wasm": "en", "page_count": 2},
        },
        "include_characters": ["_"],
    }
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_filter_values_languages_and_filters_are_sorted_and_named_by_content(
    tmp_path: Path,
) -> None:
    make_bundle(tmp_path / "a", [["Spain", [0, 1]], ["France", [1]]])
    make_bundle(
        tmp_path / "b", [["France", [1]], ["Spain", [0, 1]]]
    )  # the same data, another order

    counts = canonicalize_bundle(tmp_path / "a")
    canonicalize_bundle(tmp_path / "b")

    assert counts == {"en": 2, "fr": 0}
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    entry = json.loads((tmp_path / "a" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "fr"]
    meta_cbor = encode_cbor(
        read_data_file(tmp_path / "a" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    )
    assert entry["languages"]["en"]["hash"] == "en_" + hashlib.sha1(meta_cbor).hexdigest()[:10]
    meta = read_data_file(tmp_path / "a" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == ["Country", "Type"]
    country = read_data_file(tmp_path / "a" / "filter" / f"{meta[3][0][1]}.pf_filter")
    assert country == ["Country", [["France", [1]], ["Spain", [0, 1]]]]
    assert (
        meta[3][0][1] == "en_" + hashlib.sha1(encode_cbor(country)).hexdigest()[:7]
    )  # as Pagefind names chunks
    assert sorted(p.name for p in (tmp_path / "a" / "filter").iterdir()) == sorted(
        f"{chunk}.pf_filter" for _, chunk in meta[3]
    )
    assert not (tmp_path / "a" / "pagefind.en_0000000000.pf_meta").exists()


def test_the_bundles_of_the_languages_make_one_entry(tmp_path: Path) -> None:
    """Each language is indexed apart, with an entry of its own: the bundle lists them all."""
    from nextsociety.pagefind import ENTRY_FILE, _merge_bundles

    def bundle(code: str) -> Path:
        folder = tmp_path / code
        (folder / "fragment").mkdir(parents=True)
        entry = {"version": "1.5.2", "languages": {code: {"hash": f"{code}_1", "page_count": 2}}}
        (folder / ENTRY_FILE).write_text(json.dumps(entry), encoding="utf-8")
        (folder / "fragment" / f"{code}_a.pf_fragment").write_text(code, encoding="utf-8")
        (folder / "pagefind.js").write_text("the same in every bundle", encoding="utf-8")
        return folder

    output = tmp_path / "bundle"
    _merge_bundles(output, [bundle("ar"), bundle("en"), bundle("fr")])

    entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["ar", "en", "fr"]
    assert entry["version"] == "1.5.2"
    assert sorted(p.name for p in (output / "fragment").iterdir()) == [
        "ar_a.pf_fragment",
        "en_a.pf_fragment",
        "fr_a.pf_fragment",
    ]
    assert (output / "pagefind.js").read_text(encoding="utf-8") == "the same in every bundle"


def _document(lang: str, title: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
        f"<body><main data-pagefind-body><h1>{title}</h1><p>Barcelona</p></main></body></html>"
    )


def test_each_language_is_indexed_and_merged_into_one_bundle(tmp_path: Path) -> None:
    from nextsociety.pagefind import LanguageIndexes

    output = tmp_path / "site" / "pagefind"
    mine = LanguageIndexes(output)
    mine.add(_document("en", "Visit"), "news/visit/index.html")
    mine.add(_document("en", "Call"), "news/call/index.html")
    other = LanguageIndexes(output)  # another process's language
    other.add(_document("fr", "Visite"), "fr/news/visit/index.html")
    bundles = other.run()

    counts = mine.finish(bundles)

    assert counts == {"en": 2, "fr": 1}
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "fr"]
    for code in ("en", "fr"):
        assert (output / f"pagefind.{entry['languages'][code]['hash']}.pf_meta").is_file()
    fragments = [gzip.decompress(path.read_bytes()) for path in (output / "fragment").iterdir()]
    urls = sorted(json.loads(data[len(SIGNATURE) :])["url"] for data in fragments)
    assert urls == ["/fr/news/visit/", "/news/call/", "/news/visit/"]
    assert not [p for p in (mine._folder, other._folder) if p.exists()]  # documents removed


def test_a_failing_pagefind_is_reported_and_its_documents_removed(
    tmp_path: Path, monkeypatch
) -> None:
    from nextsociety import pagefind

    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\necho 'Error: no space left on device'\nexit 3\n")
    binary.chmod(0o755)
    monkeypatch.setattr(pagefind, "find_binary", lambda: binary)
    index = pagefind.LanguageIndexes(tmp_path / "out")
    index.add(_document("en", "Visit"), "index.html")

    with pytest.raises(pagefind.PagefindError, match="exit 3.*\n.*no space left on device"):
        index.finish()

    assert not index._folder.exists()
    assert not (tmp_path / "out").exists()
