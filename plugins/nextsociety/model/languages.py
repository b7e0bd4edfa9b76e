"""The site's languages, as configured under the i18n plugin in mkdocs.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError

from nextsociety.model.errors import ProblemCollector, did_you_mean

CONFIG_PATH = "mkdocs.yml"
_LANGUAGE_KEYS = ("name", "locale", "site_name", "site_description", "copyright", "nav")


@dataclass(frozen=True)
class NavEntry:
    """One navigation item: a page (`target` ends in .md), an external link, or a section."""

    title: str
    target: str | None = None
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 / CLDR code: "en", "fr", "ar"
    name: str  # the language's own name, as shown in the switcher
    direction: str  # "ltr" or "rtl", from CLDR
    prefix: str  # URL prefix: "" for the default language, "fr/" otherwise
    site_name: str
    site_description: str
    copyright: str
    nav: tuple[NavEntry, ...]
    locale_code: str = ""  # CLDR locale for dates and numbers ("en_GB"); the code when unset

    @property
    def locale(self) -> Locale:
        return _locale(self.locale_code or self.code)


@dataclass(frozen=True)
class LanguageSet:
    default: Language
    languages: tuple[Language, ...]  # the default first, then in configured order

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def get(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)


def parse_languages(default_code: str, raw: Mapping[str, Any]) -> LanguageSet:
    """Validate the plugin's `languages:` mapping; every mistake is reported at once."""
    problems = ProblemCollector()
    where = "plugins: nextsociety/i18n: languages"
    if not raw:
        problems.add(CONFIG_PATH, None, f"{where}: no language is configured")
        problems.raise_if_any()
    languages: list[Language] = []
    for code, options in raw.items():
        ctx = f"{where}: {code}"
        try:
            locale = Locale.parse(str(code))
        except (ValueError, UnknownLocaleError):
            problems.add(
                CONFIG_PATH,
                None,
                f"{ctx}: '{code}' is not a CLDR language code",
                "use e.g. en, fr, ar",
            )
            continue
        if not isinstance(options, Mapping):
            problems.add(
                CONFIG_PATH, None, f"{ctx}: must be a mapping of {', '.join(_LANGUAGE_KEYS)}"
            )
            continue
        for key in options:
            if key not in _LANGUAGE_KEYS:
                problems.add(
                    CONFIG_PATH,
                    None,
                    f"{ctx}: unknown key '{key}'",
                    did_you_mean(key, _LANGUAGE_KEYS),
                )
        for key in ("name", "site_name"):
            if not isinstance(options.get(key), str):
                problems.add(CONFIG_PATH, None, f"{ctx}: '{key}' is required and must be text")
        nav = _parse_nav(options.get("nav") or [], f"{ctx}: nav", problems)
        locale_code = str(options.get("locale") or code)
        try:
            Locale.parse(locale_code)
        except (ValueError, UnknownLocaleError):
            problems.add(
                CONFIG_PATH,
                None,
                f"{ctx}: locale '{locale_code}' is not a CLDR locale",
                "e.g. en_GB, fr, ar",
            )
        languages.append(
            Language(
                code=str(code),
                name=str(options.get("name", code)),
                direction="rtl" if locale.character_order == "right-to-left" else "ltr",
                prefix="" if code == default_code else f"{code}/",
                site_name=str(options.get("site_name", "")),
                site_description=str(options.get("site_description") or ""),
                copyright=str(options.get("copyright") or ""),
                nav=nav,
                locale_code=locale_code,
            )
        )
    if default_code not in raw:
        problems.add(
            CONFIG_PATH,
            None,
            f"plugins: nextsociety/i18n: default_language '{default_code}' is not among the "
            "languages",
            did_you_mean(default_code, [str(c) for c in raw]),
        )
    problems.raise_if_any()
    default = next(lang for lang in languages if lang.code == default_code)
    ordered = (default, *(lang for lang in languages if lang is not default))
    return LanguageSet(default=default, languages=ordered)


def _parse_nav(raw: Any, ctx: str, problems: ProblemCollector) -> tuple[NavEntry, ...]:
    if not isinstance(raw, list):
        problems.add(CONFIG_PATH, None, f"{ctx}: must be a list of 'Title: page.md' items")
        return ()
    entries: list[NavEntry] = []
    for item in raw:
        if not isinstance(item, Mapping) or len(item) != 1:
            problems.add(
                CONFIG_PATH,
                None,
                f"{ctx}: each item must be one 'Title: page.md' pair, not {item!r}",
            )
            continue
        ((title, target),) = item.items()
        if isinstance(target, list):
            entries.append(
                NavEntry(str(title), None, _parse_nav(target, f"{ctx}: {title}", problems))
            )
        elif isinstance(target, str):
            entries.append(NavEntry(str(title), target))
        else:
            problems.add(
                CONFIG_PATH, None, f"{ctx}: '{title}' must point to a page, a URL or a list"
            )
    return tuple(entries)


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)  # parsing is not free, and templates ask for it on every page
