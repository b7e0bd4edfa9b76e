"""The web editor on the built site, in headless Chromium: the pinned CMS boots with our generated
configuration and shows its sign-in screen, loading everything from the site itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from nextsociety.model.site import load_site

from tests.cli.conftest import nextsociety
from tests.conftest import REPO, BuildResult, copy_project, run_mkdocs_build
from tests.quality import browser as chromium
from tests.quality.conftest import LANGUAGES, SITE_URL

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PREFIX = {"en": ""} | {code: f"{code}/" for code in LANGUAGES if code != "en"}
# Before sign-in the CMS asks GitHub, the Git host, whether it is up (docs/web-editing.md);
# nothing else may leave the site.
GIT_HOST_STATUS = "https://www.githubstatus.com/api/v2/status.json"
STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editor_boots_to_its_sign_in_screen(
    browser, served_site: str, real_site: BuildResult, lang: str
) -> None:
    with chromium.recording_page(browser, served_site, (SITE_URL, real_site.site)) as recording:
        requests: list[str] = []
        recording.page.on("request", lambda request: requests.append(request.url))
        visit = chromium.visit(recording, f"{served_site}{PREFIX[lang]}admin/")
        page = recording.page
        sign_in = page.get_by_role("button", name="Sign In Using Access Token")
        sign_in.wait_for(timeout=15000)
        # No OAuth proxy is configured (`auth_url`): no "Sign In with GitHub" button.
        assert not page.get_by_role("button", name=re.compile(r"Sign In with\W*GitHub")).count()
        assert STRINGS["cms.title"][lang] in page.inner_text("body")  # our config.yml was read
        fetched = {url.split("?")[0] for url in requests}  # the CMS adds a cache-busting query
        assert f"{served_site}{PREFIX[lang]}admin/config.yml" in fetched
        assert f"{served_site}admin/sveltia-cms.js" in fetched
        assert set(visit.third_party) <= {GIT_HOST_STATUS}, visit.third_party
        errors = [error for error in visit.console_errors if error[1] != GIT_HOST_STATUS]
        assert not errors, errors


def test_the_editor_speaks_the_editors_language_from_the_site(
    browser, served_site: str, real_site: BuildResult
) -> None:
    """A French browser gets the CMS's French strings, from the site's copy of the package."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        outside: list[str] = []
        context.route(
            lambda url: not url.startswith(served_site),
            lambda route: (outside.append(route.request.url), route.abort()),
        )
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{served_site}fr/admin/")
        page.get_by_role("button", name="Se connecter avec un jeton d’accès").wait_for(
            timeout=15000
        )
        assert any(
            url.endswith("/locales/fr.json") and url.startswith(served_site) for url in requests
        )
        assert set(outside) <= {GIT_HOST_STATUS}, outside
    finally:
        context.close()


# -- end to end: a press release written in the editor, checked and built ---------------------

SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  const top = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ = """async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle('sveltia-cms-test'), '');
  return files;
}"""
RELEASE = {
    "en": ("Benchmarking visit to Tunis", "Eleven clusters visit Tunis."),
    "fr": ("Visite de benchmarking à Tunis", "Onze clusters visitent Tunis."),
    "ar": ("زيارة مقارنة مرجعية إلى تونس", "أحد عشر تجمعًا عنقوديًا يزور تونس."),
}
PANES = {"fr": "French", "ar": "Arabic"}


def repository_files() -> dict[str, str]:
    """What the editor reads from the repository: news, events and registries, as committed."""
    paths = [*REPO.glob("content/news/**/*.md"), *REPO.glob("content/events/**/*.md")]
    paths += REPO.glob("data/*.yml")
    return {path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8") for path in paths}


@contextmanager
def editor(browser, served_site: str, real_site: BuildResult) -> Iterator[object]:
    """The real /admin/ with its generated config, on the CMS's test backend: a repository in
    the browser's private file system, seeded with ours; nothing leaves the site."""
    config = yaml.safe_load((real_site.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    config |= {"backend": {"name": "test-repo"}, "publish_mode": "simple"}
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        context.route(
            re.compile(r".*/admin/config\.yml(\?.*)?$"),
            lambda route: route.fulfill(
                body=yaml.safe_dump(config, allow_unicode=True), content_type="application/yaml"
            ),
        )
        context.route(
            lambda url: not url.startswith(served_site), lambda route: route.abort()
        )  # the site_url's sitemap (preview links) and GitHub's status: not needed here
        page = context.new_page()
        page.goto(served_site)
        page.evaluate(SEED, repository_files())
        page.goto(f"{served_site}admin/#/collections/press-releases/new")
        page.get_by_role("button", name="Work with Test Repository").click()
        page.locator('[data-key-path="title"] input').first.wait_for(timeout=15000)
        yield page
    finally:
        context.close()


def fill_release(page, date: str, texts: dict[str, tuple[str, str]]) -> None:
    """The English text on the left, each translation in the right-hand pane."""
    page.locator('[data-key-path="date"] input').first.fill(date)
    for lang, (title, summary) in texts.items():
        pane = 0 if lang == "en" else 1
        if pane:
            page.get_by_text(PANES[lang], exact=True).last.click()
        page.locator('[data-key-path="title"] input').nth(pane).fill(title)
        page.locator('[data-key-path="summary"] textarea').nth(pane).fill(summary)


def written(page, expected: int = 0) -> dict[str, str]:
    """The files the editor saved, waiting (5 s at most) until there are `expected` of them."""
    before = repository_files()
    for _ in range(50):
        files = {path: text for path, text in page.evaluate(READ).items() if path not in before}
        if len(files) >= expected:
            break
        page.wait_for_timeout(100)
    return files


def test_a_press_release_written_in_the_editor_is_checked_and_built(
    browser, served_site: str, real_site: BuildResult, tmp_path: Path
) -> None:
    with editor(browser, served_site, real_site) as page:
        fill_release(page, "2019-03-05", RELEASE)
        # Arabic is edited right to left in its pane.
        arabic = page.locator('[data-key-path="title"] input').nth(1)
        assert (arabic.get_attribute("dir"), arabic.get_attribute("lang")) == ("rtl", "ar")
        page.get_by_role("button", name="Save").click()
        files = written(page, expected=3)
    # The layout `nextsociety new` writes: the year of the release's date, x.md, x.fr.md, x.ar.md.
    scaffolded = copy_project(tmp_path / "scaffolded")
    result = nextsociety(
        *("new", "news", RELEASE["en"][0], "--type", "press-release", "--date", "2019-03-05"),
        *("--lang", "en,fr,ar"),
        cwd=scaffolded,
    )
    assert result.returncode == 0, result.stderr
    assert set(files) == {
        path.relative_to(scaffolded).as_posix()
        for path in (scaffolded / "content" / "news" / "2019").glob("*.md")
    }
    assert set(files) == {
        "content/news/2019/benchmarking-visit-to-tunis.md",
        "content/news/2019/benchmarking-visit-to-tunis.fr.md",
        "content/news/2019/benchmarking-visit-to-tunis.ar.md",
    }
    # `nextsociety check` accepts them, and the site shows the release in three languages.
    project = copy_project(tmp_path / "project")
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    site, problems = load_site(project)
    assert site is not None, [str(problem) for problem in problems]
    build = run_mkdocs_build(project, tmp_path / "site", {"NEXTSOCIETY_BUILD_DATE": "2026-12-01"})
    assert build.returncode == 0, build.log
    for lang, prefix in PREFIX.items():
        page_html = build.html(f"{prefix}news/2019/benchmarking-visit-to-tunis/")
        assert RELEASE[lang][0] in page_html and f'lang="{lang}"' in page_html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Benchmarking visit to Tunis", None),  # the control: this one is saved
        ("title", "", "required"),  # required, as in the model
        ("summary", "Eleven <b>clusters</b>", "cms.pattern.text"),  # the model refuses markup
        ("date", "5 March 2019", "cms.pattern.publication"),
    ],
)
def test_the_editor_refuses_what_check_refuses(
    browser, served_site: str, real_site: BuildResult, field: str, value: str, message: str | None
) -> None:
    with editor(browser, served_site, real_site) as page:
        fill_release(page, "2019-03-05", RELEASE)
        widget = "textarea" if field == "summary" else "input"
        page.locator(f'[data-key-path="{field}"] {widget}').first.fill(value)
        page.get_by_role("button", name="Save").click()
        saved = written(page, expected=3 if message is None else 0)
        if message is None:
            assert len(saved) == 3
            return
        page.wait_for_timeout(1000)
        assert not written(page)  # nothing saved
        if message != "required":
            assert STRINGS[message]["en"] in page.inner_text("body")
