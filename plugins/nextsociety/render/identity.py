"""The programme's typographic identity: the name "THE NEXT SOCIETY" set in Noto Sans Bold.

No emblem is invented: the wordmark is the name on one line, the icon the name on three lines
("THE / NEXT / SOCIETY") on the site's indigo. SVGs carry the letters as paths (from the font's
outlines with fontTools), so they look the same without the font; PNGs are drawn by Pillow
with the same font. The files are generated, not drawn by hand, and committed with this
script; run it again after a change and commit its output:

    .venv/bin/python -m nextsociety.render.identity

It writes the theme's logo and icons to `overrides/assets/images/` and the media kit's
wordmark and icon to `data/media/`. The same font gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from nextsociety.render.cards import BACKGROUND, NOTO

NAME = "THE NEXT SOCIETY"
FONT = NOTO / "NotoSans-Bold.ttf"
INDIGO = "#{:02x}{:02x}{:02x}".format(*BACKGROUND)
WHITE = "#ffffff"
ICON_LINES = ("THE", "NEXT", "SOCIETY")
ICON_PNGS = {  # file name -> size in pixels
    "favicon-32.png": 32,
    "icon-192.png": 192,
    "icon-512.png": 512,
    "apple-touch-icon.png": 180,
}
EM = 100  # the SVGs' font size, in user units


def _line_paths(font: TTFont, text: str, x0: float, baseline: float, size: float) -> list[str]:
    """Outline path data of one line of text, starting at x0 on `baseline`."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    paths, x = [], x0
    for char in text:
        name = cmap[ord(char)]
        pen = SVGPathPen(glyphs, lambda v: f"{v:.2f}".rstrip("0").rstrip("."))
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        if pen.getCommands():
            paths.append(pen.getCommands())
        x += font["hmtx"][name][0] * scale
    return paths


def _advance(font: TTFont, text: str, size: float) -> float:
    cmap, scale = font.getBestCmap(), size / font["head"].unitsPerEm
    return sum(font["hmtx"][cmap[ord(char)]][0] for char in text) * scale


def font_digest(font_path: Path = FONT) -> str:
    """Which font file the outlines come from: another version draws other paths."""
    return hashlib.sha256(font_path.read_bytes()).hexdigest()[:16]


def _svg(width: float, height: float, body: str, font_path: Path) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{NAME}">'
        f"<!-- {font_path.name} sha256:{font_digest(font_path)} -->"
        f"<title>{NAME}</title>{body}</svg>\n"
    )


def wordmark_svg(colour: str = INDIGO, font_path: Path = FONT) -> str:
    """The name on one line, as paths; cap height fills the box with a small margin."""
    font = TTFont(font_path)
    cap = font["OS/2"].sCapHeight / font["head"].unitsPerEm * EM
    margin = cap * 0.25
    width = _advance(font, NAME, EM) + 2 * margin
    paths = _line_paths(font, NAME, margin, margin + cap, EM)
    body = f'<path fill="{colour}" d="{" ".join(paths)}"/>'
    return _svg(width, cap + 2 * margin, body, font_path)


def icon_svg(font_path: Path = FONT) -> str:
    """The name on three lines, white on indigo, in a square."""
    font = TTFont(font_path)
    size, box = _icon_layout(font, 512)
    cap = font["OS/2"].sCapHeight / font["head"].unitsPerEm * size
    paths: list[str] = []
    for index, line in enumerate(ICON_LINES):
        x = (box - _advance(font, line, size)) / 2
        paths += _line_paths(font, line, x, _icon_baseline(index, cap, box), size)
    body = f'<rect width="{box}" height="{box}" rx="{box // 8}" fill="{INDIGO}"/>'
    body += f'<path fill="{WHITE}" d="{" ".join(paths)}"/>'
    return _svg(box, box, body, font_path)


def _icon_layout(font: TTFont, box: int) -> tuple[float, int]:
    """The font size at which the longest line fills 84 % of the square's width."""
    longest = max(_advance(font, line, 1) for line in ICON_LINES)
    return box * 0.84 / longest, box


def _icon_baseline(index: int, cap: float, box: float) -> float:
    gap = cap * 0.45
    block = 3 * cap + 2 * gap
    return (box - block) / 2 + cap + index * (cap + gap)


def icon_png(pixels: int, font_path: Path = FONT) -> bytes:
    """The icon drawn at `pixels` × `pixels` (drawn at 4× and reduced, for even edges)."""
    scale = 4
    box = pixels * scale
    font_tools = TTFont(font_path)
    size, _ = _icon_layout(font_tools, box)
    cap = font_tools["OS/2"].sCapHeight / font_tools["head"].unitsPerEm * size
    image = Image.new("RGBA", (box, box), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, box - 1, box - 1), radius=box // 8, fill=(*BACKGROUND, 255))
    font = ImageFont.truetype(str(font_path), round(size))
    for index, line in enumerate(ICON_LINES):
        y = _icon_baseline(index, cap, box)
        draw.text((box / 2, y), line, font=font, fill=(255, 255, 255, 255), anchor="ms")
    return _png(image.resize((pixels, pixels), Image.Resampling.LANCZOS))


def wordmark_png(height: int = 200, font_path: Path = FONT) -> bytes:
    """The wordmark in indigo on a transparent background, `height` pixels high."""
    font_tools = TTFont(font_path)
    em = height / 1.5 / (font_tools["OS/2"].sCapHeight / font_tools["head"].unitsPerEm)
    cap = height / 1.5
    margin = cap * 0.25
    width = round(_advance(font_tools, NAME, em) + 2 * margin)
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    font = ImageFont.truetype(str(font_path), round(em))
    ImageDraw.Draw(image).text(
        (margin, margin + cap), NAME, font=font, fill=(*BACKGROUND, 255), anchor="ls"
    )
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def identity_files() -> dict[str, bytes]:
    """Every generated file by its path from the project root."""
    theme, media = "overrides/assets/images", "data/media"
    files = {
        f"{theme}/wordmark-white.svg": wordmark_svg(WHITE).encode(),
        f"{theme}/favicon.svg": icon_svg().encode(),
        f"{media}/wordmark.svg": wordmark_svg().encode(),
        f"{media}/wordmark.png": wordmark_png(),
        f"{media}/icon.svg": icon_svg().encode(),
        f"{media}/icon-512.png": icon_png(512),
    }
    files.update({f"{theme}/{name}": icon_png(size) for name, size in ICON_PNGS.items()})
    return files


def main(argv: Sequence[str] = sys.argv[1:]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    for path, data in sorted(identity_files().items()):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
