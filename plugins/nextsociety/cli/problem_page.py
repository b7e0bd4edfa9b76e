"""The page `nextsociety serve` shows on every URL while the project has problems.

Its words come from the project's string table (`preview.problems.*` in data/site.yml) in the
editor's language (`--lang`, else the site's default language); the problems themselves are
in English, marked as such. The table is read leniently: the page must show even while the
table itself is one of the problems. When it gives no usable text in the language asked for,
the default language's is shown, and when not even that, the problems alone (no English text
hard-coded here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from jinja2 import Environment

from nextsociety.model.errors import DataError, Problem
from nextsociety.model.site import load_config
from nextsociety.model.strings import PLACEHOLDERS, keys_used_in, readable_texts

DEFAULT_STRINGS = "data/site.yml"  # the i18n plugin's default `strings:`
MESSAGES_LANGUAGE = "en"  # problems are written in English

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}" dir="{{ direction }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
{% if texts -%}
<title>{{ t("preview.problems.title", count=count) }}</title>
{%- else %}<title>⚠ {{ count }}</title>{% endif %}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
li{margin:.6rem 0}code{font-weight:bold}.hint{color:#555}</style></head>
<body><main>
{% if texts -%}
<h1>{{ t("preview.problems.heading", count=count) }}</h1>
<p>{{ t("preview.problems.text") }}</p>
<p>{{ t("preview.problems.legend") }}</p>
{%- else %}<h1>⚠ {{ count }}</h1>{% endif %}
<ol lang="{{ messages_lang }}" dir="ltr">
{%- for p in problems %}<li><code>{{ p.path }}{% if p.line %}:{{ p.line }}{% endif %}</code>
{{ p.message }}{% if p.hint %} <span class="hint">({{ p.hint }})</span>{% endif %}</li>
{% endfor %}</ol>
</main></body></html>
"""
PAGE = Environment(autoescape=True).from_string(TEMPLATE)
KEYS = tuple(keys_used_in(TEMPLATE))


@dataclass(frozen=True)
class ProblemPage:
    """The problems page in one language: every text of the page, or none (problems alone)."""

    lang: str
    direction: str  # "ltr" or "rtl"
    texts: Mapping[str, str]

    def render(self, problems: Sequence[Problem]) -> str:
        count = _number(len(problems), self.lang)

        def t(key: str, **values: str) -> str:
            text = self.texts[key]
            return text.format(**values) if key in PLACEHOLDERS else text

        return PAGE.render(
            lang=self.lang,
            direction=self.direction,
            texts=bool(self.texts),
            t=t,
            count=count,
            problems=problems,
            messages_lang=MESSAGES_LANGUAGE,
        )


def problem_page(root: Path, config_file: str, lang: str | None) -> ProblemPage:
    """The page in `lang` (default: the site's default language), else in the default
    language, else without text, from the string table as it is now on disk."""
    try:
        config = load_config(root, config_file)
        strings_file, default = config.strings_file, config.languages.default.code
    except DataError:  # mkdocs.yml is one of the problems: the i18n plugin's defaults
        strings_file, default = DEFAULT_STRINGS, MESSAGES_LANGUAGE
    for code in dict.fromkeys([lang or default, default]):
        texts = readable_texts(root / strings_file, strings_file, KEYS, code)
        if len(texts) == len(KEYS):
            return ProblemPage(code, direction(code), texts)
    return ProblemPage(MESSAGES_LANGUAGE, "ltr", {})


def direction(code: str) -> str:
    """'rtl' or 'ltr', from CLDR (as the site's languages get theirs)."""
    try:
        order = Locale.parse(code).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _number(value: int, lang: str) -> str:
    try:
        return format_decimal(value, locale=lang)
    except (ValueError, UnknownLocaleError):
        return str(value)
