"""Parts of Material's page frame rendered once and reused: the navigation, the tabs, the
stylesheet and script links, Material's configuration and the footer.

Material renders its navigation sidebar and tabs for every page, and they are most of a page's
template time. For a page that is not in the navigation (news items, events, partner and
cluster pages: nearly all of a large site) their HTML, like that of the other parts above,
depends only on the language and on the folder the page sits in (links are relative to the
page), so it is rendered once per language and folder. A page of the navigation (its entry is
marked current, its footer links to its neighbours) is rendered as Material does. Templates use
it as `{% call ns_fragment("nav", page, nav, lang_code) %}…{% endcall %}`.

Material's interface strings (`lang.t`) are looked up once per language (`InterfaceStrings`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup, escape

THEME_PREFIX = "theme"  # "theme/partials/nav.html": Material's own file, under our override


class FragmentCache:
    """Rendered fragments by (name, language, folder); emptied at the start of every build."""

    def __init__(self) -> None:
        self._fragments: dict[Hashable, Markup] = {}
        self._nav_pages: dict[int, frozenset[int]] = {}
        self._interface: dict[str, InterfaceStrings] = {}

    def clear(self) -> None:
        self._fragments.clear()
        self._nav_pages.clear()
        self._interface.clear()

    def interface_strings(self, env: Environment, code: str) -> InterfaceStrings:
        """Material's interface strings in language `code` (partials/language.html's `t`)."""
        strings = self._interface.get(code)
        if strings is None:
            strings = self._interface[code] = InterfaceStrings(env, code)
        return strings

    def __call__(
        self, name: str, page: Any, nav: Any, lang: str, *, caller: Callable[[], str]
    ) -> Markup:
        key = self._key(name, page, nav, lang)
        if key is None:
            return Markup(caller())
        if key not in self._fragments:
            self._fragments[key] = Markup(caller())
        return self._fragments[key]

    def _key(self, name: str, page: Any, nav: Any, lang: str) -> Hashable | None:
        if page is None or nav is None or id(page) in self._pages_of(nav):
            return None
        return (name, lang, id(nav), posixpath.dirname(str(page.url).rstrip("/")))

    def _pages_of(self, nav: Any) -> frozenset[int]:
        pages = self._nav_pages.get(id(nav))
        if pages is None:
            pages = self._nav_pages[id(nav)] = frozenset(id(page) for page in nav.pages)
        return pages


class InterfaceStrings:
    """`lang.t(key)` of Material's templates, each string looked up once per build.

    Material's `partials/languages/<code>.html` is a macro that builds its whole table (some
    two hundred strings) at every call, and a page calls it twenty times. The answer is the
    macro's own, in its language or else in English, or the key itself (escaped)."""

    def __init__(self, env: Environment, code: str) -> None:
        self._own = env.get_template(f"partials/languages/{code}.html").module
        self._english = env.get_template("partials/languages/en.html").module
        self._strings: dict[str, Markup] = {}

    def __call__(self, key: str) -> Markup:
        string = self._strings.get(key)
        if string is None:
            found = self._own.t(key) or self._english.t(key) or key  # type: ignore[attr-defined]
            string = self._strings[key] = escape(found)
        return string


def with_theme_prefix(loader: BaseLoader | None, theme_dirs: list[str]) -> BaseLoader:
    """The environment's loader, plus the theme's own templates under `theme/`: an override of
    ours can wrap the file it overrides (`{% include "theme/partials/nav.html" %}`)."""
    themed = PrefixLoader({THEME_PREFIX: FileSystemLoader(theme_dirs)})
    return ChoiceLoader([loader, themed]) if loader is not None else themed


def install(
    env: Environment, custom_dir: str | None, theme_dirs: list[str], cache: FragmentCache
) -> None:
    """Make `ns_fragment` and the `theme/` templates available to the templates."""
    dirs = [d for d in theme_dirs if d != custom_dir]
    env.loader = with_theme_prefix(env.loader, dirs)
    env.globals["ns_fragment"] = cache
    env.globals["ns_interface_strings"] = lambda code: cache.interface_strings(env, code)
