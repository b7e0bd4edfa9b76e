"""Social cards: a 1200×630 PNG per page for link previews (Open Graph, X), made with Pillow.

The card shows the programme's wordmark, the page type ("Press release" in the page's
language), the title and the date: no picture is invented. Fonts come from Debian's
`fonts-noto-core`, nothing is downloaded. Arabic is shaped by Raqm (Pillow's layout engine
with HarfBuzz and FriBiDi) and laid out right to left; a card with Arabic text made without
Raqm would show isolated, unjoined letters, so it is refused (`CardError`).

Noto's Arabic fonts have no Latin letters and Noto Sans no Arabic ones: text is cut into runs
by script, each run drawn with its font in its own direction, the runs of a right-to-left line
placed from the right. Rendering is deterministic: the same text and fonts give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

CARD_SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (64, 81, 181)  # Material's indigo, the site's primary colour
FOREGROUND = (255, 255, 255)
# Text is drawn as coverage (0 background … 255 text) in one byte a pixel, then coloured by a
# palette from the background to the foreground: a small PNG, quickly encoded.
TEXT, MUTED = 255, 200
TITLE_TOP = 230  # the title's box, between the page type and the date
TITLE_HEIGHT = 300
LINE_HEIGHT = 1.25
NOTO = Path("/usr/share/fonts/truetype/noto")
CARD_VERSION = "2"  # part of every cache key: bump it when the drawing changes

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


class CardError(Exception):
    """A card cannot be drawn as it must be (a font or Raqm is missing)."""


@dataclass(frozen=True)
class CardText:
    site_name: str  # "THE NEXT SOCIETY"
    kind: str  # "Press release", "Communiqué de presse", "بيان صحفي"
    title: str
    date: str  # as the page shows it, or "" when there is none
    direction: str = "ltr"  # the page language's direction


@dataclass(frozen=True)
class CardFonts:
    latin: Path
    latin_bold: Path
    arabic: Path
    arabic_bold: Path

    @staticmethod
    def debian() -> CardFonts:
        """Noto from Debian's fonts-noto-core; a clear error when it is not installed."""
        fonts = CardFonts(
            NOTO / "NotoSans-Regular.ttf",
            NOTO / "NotoSans-Bold.ttf",
            NOTO / "NotoSansArabic-Regular.ttf",
            NOTO / "NotoSansArabic-Bold.ttf",
        )
        missing = [str(path) for path in vars(fonts).values() if not path.is_file()]
        if missing:
            raise CardError(
                f"fonts for social cards are missing ({', '.join(missing)}): "
                "apt-get install fonts-noto-core"
            )
        return fonts


@dataclass(frozen=True)
class Run:
    """A piece of one line drawn with one font in one direction."""

    text: str
    arabic: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.arabic else "ltr"


def card_key(text: CardText, fonts: CardFonts) -> str:
    """A cache key: the same key, the same PNG."""
    parts = [CARD_VERSION, *vars(text).values(), *(p.name for p in vars(fonts).values())]
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()


def render_card(text: CardText, fonts: CardFonts) -> bytes:
    """The card as PNG bytes."""
    fields = (text.site_name, text.kind, text.title, text.date)
    if any(_ARABIC.search(field) for field in fields) and not has_raqm():
        raise CardError(
            "Arabic social cards need Pillow's Raqm layout engine: apt-get install libraqm0"
        )
    image = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(image)
    rtl = text.direction == "rtl"
    regular, bold = (fonts.latin, fonts.arabic), (fonts.latin_bold, fonts.arabic_bold)
    draw_line(draw, text.site_name, bold, 36, MARGIN + 36, rtl, MUTED)
    draw_line(draw, text.kind, regular, 32, MARGIN + 100, rtl, TEXT)
    size, lines = fit_title(text.title, bold, CARD_SIZE[0] - 2 * MARGIN, TITLE_HEIGHT)
    baseline = TITLE_TOP + size
    for line in lines:
        draw_line(draw, line, bold, size, baseline, rtl, TEXT)
        baseline += round(size * LINE_HEIGHT)
    if text.date:
        draw_line(draw, text.date, regular, 32, CARD_SIZE[1] - MARGIN + 10, rtl, MUTED)
    card = image.convert("P")
    card.putpalette(_PALETTE)
    out = io.BytesIO()
    card.save(out, format="PNG")
    return out.getvalue()


def fit_title(
    title: str, faces: tuple[Path, Path], width: int, height: int
) -> tuple[int, list[str]]:
    """The largest size (64 down to 40) at which the title's lines fit the box, and its lines;
    at the smallest size, the lines that do not fit are cut with an ellipsis."""
    for size in (64, 56, 48, 40):
        lines = wrap(title, faces, size, width)
        fitting = max(1, int((height - size) // (size * LINE_HEIGHT)) + 1)
        if len(lines) <= fitting:
            return size, lines
    return size, [*lines[: fitting - 1], lines[fitting - 1] + " …"]


def wrap(text: str, faces: tuple[Path, Path], size: int, width: int) -> list[str]:
    """Greedy word wrap by measured width."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and line_width(candidate, faces, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def runs(text: str) -> Iterator[Run]:
    """`text` cut where the script changes; spaces stay with the run before them."""
    start, arabic = 0, bool(_ARABIC.match(text[:1]))
    for index, char in enumerate(text):
        if char.isspace():
            continue
        is_arabic = bool(_ARABIC.match(char))
        if is_arabic != arabic and index > start:
            yield Run(text[start:index], arabic)
            start = index
        arabic = is_arabic
    if start < len(text):
        yield Run(text[start:], arabic)


def line_width(text: str, faces: tuple[Path, Path], size: int) -> int:
    return sum(run_width(run, faces, size) for run in runs(text))


def run_width(run: Run, faces: tuple[Path, Path], size: int) -> int:
    font = _font(faces[1] if run.arabic else faces[0], size)
    return round(font.getlength(run.text, direction=_direction(run)))


def draw_line(
    draw: ImageDraw.ImageDraw,
    text: str,
    faces: tuple[Path, Path],
    size: int,
    y: int,
    rtl: bool,
    fill: int,
) -> None:
    """One line on baseline `y`: runs from the left margin (ltr) or, leftwards, from the right
    margin (rtl)."""
    x = CARD_SIZE[0] - MARGIN if rtl else MARGIN
    for run in runs(text):
        font = _font(faces[1] if run.arabic else faces[0], size)
        width = run_width(run, faces, size)
        shown = run.text
        if rtl:
            x -= width
            if not run.arabic:  # its trailing space separates it from the run on its left
                stripped = shown.rstrip()
                shown = shown[len(stripped) :] + stripped
        language = "ar" if run.arabic else None
        draw.text(
            (x, y),
            shown,
            font=font,
            fill=fill,
            anchor="ls",  # y is the baseline: Latin and Arabic fonts line up
            direction=_direction(run),
            language=language,
        )
        if not rtl:
            x += width


_PALETTE = [
    round(back + (fore - back) * level / 255)
    for level in range(256)
    for back, fore in zip(BACKGROUND, FOREGROUND, strict=True)
]


def has_raqm() -> bool:
    """Whether Pillow lays text out with Raqm (shaping, bidi) here."""
    return bool(features.check("raqm"))


def _direction(run: Run) -> str | None:
    return run.direction if features.check("raqm") else None


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)
