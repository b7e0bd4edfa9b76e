"""The navigation and tabs are rendered once per language and folder for pages outside them."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import DictLoader, Environment
from nextsociety.plugins.fragments import FragmentCache, with_theme_prefix


@dataclass(eq=False)
class FakePage:
    url: str


@dataclass(eq=False)
class FakeNav:
    pages: list[FakePage] = field(default_factory=list)


def environment(cache: FragmentCache, renders: list[str]) -> Environment:
    env = Environment(
        loader=DictLoader(
            {
                "frame.html": '{% call ns_fragment("nav", page, nav, lang) %}{{ draw(page) }}{% endcall %}'
            }
        )
    )
    env.globals["ns_fragment"] = cache
    env.globals["draw"] = lambda page: renders.append(page.url) or f"nav for {page.url}"
    return env


def test_pages_outside_the_navigation_share_their_folder_s_rendering() -> None:
    about = FakePage("about/")
    nav = FakeNav([about])
    cache, renders = FragmentCache(), []
    frame = environment(cache, renders).get_template("frame.html")

    first = frame.render(page=FakePage("news/2018/a/"), nav=nav, lang="en")
    second = frame.render(page=FakePage("news/2018/b/"), nav=nav, lang="en")
    frame.render(page=FakePage("news/2019/c/"), nav=nav, lang="en")  # another folder
    frame.render(page=FakePage("news/2018/d/"), nav=nav, lang="fr")  # another language
    frame.render(page=about, nav=nav, lang="en")  # in the navigation: its own rendering
    frame.render(page=about, nav=nav, lang="en")

    assert first == second == "nav for news/2018/a/"
    assert renders == ["news/2018/a/", "news/2019/c/", "news/2018/d/", "about/", "about/"]
    cache.clear()
    frame.render(page=FakePage("news/2018/b/"), nav=nav, lang="en")
    assert renders[-1] == "news/2018/b/"  # a new build renders anew


def test_an_override_can_include_the_theme_file_it_overrides() -> None:
    theme = {"partials/nav.html": "Material's nav"}
    env = Environment(
        loader=DictLoader(
            {"partials/nav.html": "ours around [{% include 'theme/partials/nav.html' %}]"}
        )
    )
    env.loader = with_theme_prefix(env.loader, [])
    env.loader.loaders[1].mapping["theme"] = DictLoader(theme)  # the theme's folders, in memory
    assert env.get_template("partials/nav.html").render() == "ours around [Material's nav]"
