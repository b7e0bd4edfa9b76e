"""Countries as ISO 3166-1 alpha-2 codes, named in each language by CLDR (through Babel).

CLDR's name is replaced where the programme's source names a country otherwise
(`COUNTRY_NAMES`); every page, listing, search filter and calendar names countries through
`country_name`, so the override holds everywhere.
"""

from __future__ import annotations

import difflib
from functools import cache, lru_cache

from babel import Locale

# CLDR regions that are not ISO 3166-1 countries: groupings, reserved and private-use codes.
_NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)
# The press release says "Palestine" (CLDR: "Palestinian Territories") and "United Kingdom"/"UK";
# one name per language, as the programme writes it. Every language of the site must be here.
COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "PS": {"en": "Palestine", "fr": "Palestine", "ar": "فلسطين"},
    "GB": {"en": "United Kingdom", "fr": "Royaume-Uni", "ar": "المملكة المتحدة"},
}
# Codes editors write from habit (EU usage) that ISO spells otherwise.
_ALIASES = {"UK": "GB", "EL": "GR"}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code CLDR knows."""
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(
        code for code in codes if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def is_country(code: str) -> bool:
    return code in country_codes()


@cache
def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` ("Égypte", "مصر"): the programme's own name where it has one
    (`COUNTRY_NAMES`), else CLDR's; English if CLDR lacks it in `lang`."""
    override = COUNTRY_NAMES.get(code, {})
    base = lang.split("_")[0].split("-")[0]
    if base in override:
        return override[base]
    names = Locale.parse(lang).territories
    return names.get(code) or Locale("en").territories.get(code, code)


def suggest_country(value: str) -> str | None:
    """The code an editor most likely meant by `value`: an alias, a name, a lowercase code."""
    text = value.strip()
    upper = text.upper()
    if upper in _ALIASES:
        return _ALIASES[upper]
    if upper in country_codes():
        return upper
    by_name = {country_name(code, "en").casefold(): code for code in country_codes()}
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    match = difflib.get_close_matches(text.casefold(), list(by_name), n=1, cutoff=0.75)
    return by_name[match[0]] if match else None


def country_hint(value: str) -> str:
    """A hint for an unknown country code, naming the closest valid one when there is one."""
    code = suggest_country(value)
    if code:
        return f"did you mean '{code}' ({country_name(code, 'en')})?"
    return "use a two-letter ISO 3166-1 code, such as 'FR' for France"
