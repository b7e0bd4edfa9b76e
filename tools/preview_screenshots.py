"""Screenshots of the preview for docs/editors.md: `.venv/bin/python tools/preview_screenshots.py`.

Runs the guide's own steps on a copy of the project in a temporary folder, the build's date
fixed, each shown by `nextsociety serve` and taken by headless Chromium (Debian's):

1. `nextsociety new news "Benchmarking visit to Tunis" …` as the guide writes it: a draft, with
   the TODO text the command writes (`preview-draft.png`);
2. `draft: true` deleted, the date still to come: scheduled (`preview-scheduled.png`, and the
   news list with its badge, `preview-list.png`);
3. published and corrected with the guide's example `updated:` and `correction:`, its text saying
   that it is an example, the French translation not updated: the French page's notice
   (`preview-outdated.png`);
4. the guide's example mistake, `partners: [acio]`: the page listing problems
   (`preview-problems.png`).

Images go to docs/images/, reduced to a small palette with Pillow. Nothing is fetched.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.cli.conftest import running_preview, wait_for
from tests.conftest import copy_project
from tests.quality.browser import launch

IMAGES = REPO / "docs" / "images"
VIEWPORT = {"width": 1000, "height": 620}
ITEM = "content/news/2026/benchmarking-visit-to-tunis"
NEW_ITEM = [
    *("new", "news", "Benchmarking visit to Tunis", "--type", "press-release"),
    *("--date", "2026-12-10", "--lang", "en,fr,ar"),
]
EXAMPLE_EN = "Example of the editor's guide (docs/editors.md): this release does not exist."
CORRECTION = "The number of clusters taking part was wrong."  # the guide's example
EXAMPLE_FR = "Exemple du guide des éditeurs (docs/editors.md)\u202f: ce communiqué n’existe pas."


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        project = copy_project(Path(folder) / "project")
        browser = launch(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        nextsociety(project, "2026-12-01", *NEW_ITEM)
        with preview(project, "2026-12-01") as home:
            item = home + "news/2026/benchmarking-visit-to-tunis/"
            shoot(page, wait(item, 200, "ns-preview", "Draft"), "preview-draft.png")
            delete_line(project, f"{ITEM}.md", "draft: true")
            shoot(page, wait(item, 200, "Scheduled"), "preview-scheduled.png")
            shoot(page, wait(home + "news/", 200, "ns-badge--scheduled"), "preview-list.png")
        publish_with_a_correction(project)
        with preview(project, "2026-12-12") as home:
            french = home + "fr/news/2026/benchmarking-visit-to-tunis/"
            shoot(page, wait(french, 200, "ns-outdated"), "preview-outdated.png")
            edit(project, f"{ITEM}.md", "partners: []", "partners: [acio]")
            shoot(page, wait(home, 503, "acio"), "preview-problems.png")
        browser.close()


def publish_with_a_correction(project: Path) -> None:
    """The item written (as an example), published, and corrected as the guide's step 7 shows;
    the French translation keeps its date; the Arabic one is deleted (step 2: publish without)."""
    original = project / f"{ITEM}.md"
    text = original.read_text(encoding="utf-8")
    text = _set(text, "title", "Benchmarking visit to Tunis (example)")
    text = _set(text, "summary", EXAMPLE_EN)
    text = _set(text, "contact", "inmaculada-ruiz\nupdated: 2026-12-11\ncorrection: " + CORRECTION)
    original.write_text(
        text.replace("TODO: write the text here, in Markdown.", EXAMPLE_EN), "utf-8"
    )
    french = project / f"{ITEM}.fr.md"
    text = french.read_text(encoding="utf-8")
    text = _set(text, "title", "Visite de benchmarking à Tunis (exemple)")
    text = _set(text, "summary", EXAMPLE_FR)
    french.write_text(text.replace(f"TODO: the French text of {ITEM}.md.", EXAMPLE_FR), "utf-8")
    (project / f"{ITEM}.ar.md").unlink()


def _set(text: str, key: str, value: str) -> str:
    """`text` with the front matter line `key: …` saying `value` (quoted when on one line)."""
    shown = f'"{value}"' if "\n" not in value else value
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    lines[index] = f"{key}: {shown}\n"
    return "".join(lines)


def nextsociety(project: Path, day: str, *args: str) -> None:
    env = {**os.environ, "NEXTSOCIETY_BUILD_DATE": day}
    command = [sys.executable, "-m", "nextsociety.cli", *args]
    subprocess.run(command, cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def preview(project: Path, day: str) -> Iterator[str]:
    """`nextsociety serve` on the project at that build date; yields its home URL."""
    env = {"NEXTSOCIETY_BUILD_DATE": day, "NO_MKDOCS_2_WARNING": "1"}
    with running_preview(project, env, project / "serve.log") as home:
        yield home


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    time.sleep(1.1)  # a later modification time than the preview's last look
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def delete_line(project: Path, name: str, start: str) -> None:
    path = project / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, start
    time.sleep(1.1)  # a later modification time than the preview's last look
    path.write_text("".join(kept), encoding="utf-8")


def wait(url: str, status: int, *texts: str) -> str:
    """`url` once it answers `status` with every one of `texts` (the preview rebuilds)."""
    wait_for(url, status, *texts, timeout=300)
    return url


def shoot(page: Page, url: str, name: str) -> None:
    page.goto(url, wait_until="load")
    # the preview's notice while its full build (search, PDFs, cards) runs: not what is shown
    page.wait_for_selector("#ns-preview-refreshing", state="hidden", timeout=600_000)
    page.wait_for_timeout(500)  # fonts and the header's script settled
    # the top of the page, down to the end of its content when that comes first
    bottom = page.evaluate(
        "Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)"
    )
    clip = {
        "x": 0,
        "y": 0,
        "width": VIEWPORT["width"],
        "height": min(VIEWPORT["height"], bottom + 24),
    }
    image = Image.open(io.BytesIO(page.screenshot(type="png", clip=clip))).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(IMAGES / name, optimize=True)
    print(f"docs/images/{name}: {(IMAGES / name).stat().st_size:,} bytes")
    page.goto("about:blank")  # the preview's reload script must not reload it mid-way later


if __name__ == "__main__":
    main()
