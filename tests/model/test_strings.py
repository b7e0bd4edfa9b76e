"""The translation table's placeholders: an allow-list per key, checked at load (file and line),
so that a string from data/site.yml can neither crash a build nor reach a Python attribute."""

from __future__ import annotations

import textwrap

import pytest
from nextsociety.model.errors import DataError
from nextsociety.model.strings import PLACEHOLDERS, load_strings

REAL_TABLE = "data/site.yml"


def table_with(tmp_path, key: str, en: str, fr: str = "fr", ar: str = "ar"):
    path = tmp_path / "site.yml"
    path.write_text(
        textwrap.dedent(f"""\
            strings:
              {key}:
                en: {en!r}
                fr: {fr!r}
                ar: {ar!r}
            """),
        encoding="utf-8",
    )
    return load_strings(path, "data/site.yml", ("en", "fr", "ar"))


def problems_of(tmp_path, key, en, fr="fr", ar="ar") -> list[str]:
    with pytest.raises(DataError) as caught:
        table_with(tmp_path, key, en, fr, ar)
    return [str(problem) for problem in caught.value.problems]


def test_allowed_placeholders_are_filled(tmp_path):
    table = table_with(
        tmp_path, "events.place", "{area}, {country}", "{area}, {country}", "{area}، {country}"
    )
    assert (
        table.format("events.place", "ar", area="برشلونة", country="إسبانيا") == "برشلونة، إسبانيا"
    )


@pytest.mark.parametrize(
    ("en", "message"),
    [
        (
            "News from {language.__class__.__mro__}",
            "unknown placeholder '{language.__class__.__mro__}'",
        ),
        ("News from {year", "a '{' or '}' without its pair"),
        ("News from {0}", "unknown placeholder '{0}'"),
        ("News from {}", "unknown placeholder '{}'"),
        ("News from {month}", "unknown placeholder '{month}'"),
        ("News from {year!r}", "a placeholder with a format"),
        ("News from {year:>10}", "a placeholder with a format"),
    ],
)
def test_bad_placeholders_are_errors_with_the_line(tmp_path, en, message):
    (problem,) = problems_of(tmp_path, "news.archive.year", en, "Actualités de {year}", "{year}")
    assert problem.startswith("data/site.yml:3: string 'news.archive.year' (en): " + message), (
        problem
    )


def test_a_string_without_placeholders_takes_no_braces(tmp_path):
    (problem,) = problems_of(tmp_path, "news.title", "News {x}")
    assert problem.startswith("data/site.yml:3: string 'news.title' (en): braces"), problem


def test_every_language_shows_the_same_values(tmp_path):
    (problem,) = problems_of(
        tmp_path, "news.page_of", "Page {number} of {count}", "Page {number}", "{number} {count}"
    )
    assert problem.startswith("data/site.yml:2: string 'news.page_of' uses different placeholders")


def test_the_real_table_passes_and_every_listed_key_exists():
    from pathlib import Path

    table = load_strings(Path(REAL_TABLE), REAL_TABLE, ("en", "fr", "ar"))
    assert set(PLACEHOLDERS) <= set(table.strings)
