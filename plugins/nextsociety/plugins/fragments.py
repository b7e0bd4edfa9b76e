"""Parts of Material's page frame rendered once and reused: the navigation and the tabs.

Material renders its navigation sidebar and tabs for every page, and they are most of a page's
template time. For a page that is not in the navigation (news items, events, partner and
cluster pages: nearly all of a large site) their HTML depends only on the language and on the
folder the page sits in (links are relative to the page), so it is rendered once per language
and folder. A page of the navigation (its entry is marked current) is rendered as Material
does. Templates use it as `{% call ns_fragment("nav", page, nav, lang_code) %}…{% endcall %}`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup

THEME_PREFIX = "theme"  # "theme/partials/nav.html": Material's own file, under our override


class FragmentCache:
    """Rendered fragments by (name, language, folder); emptied at the start of every build."""

    def __init__(self) -> None:
        self._fragments: dict[Hashable, Markup] = {}
        self._nav_pages: dict[int, frozenset[int]] = {}

    def clear(self) -> None:
        self._fragments.clear()
        self._nav_pages.clear()

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
