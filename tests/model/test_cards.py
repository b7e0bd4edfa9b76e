"""Social cards: decoded and measured; Arabic shaped by Raqm, compared with a reference
rendering made with Raqm directly (and unlike an unshaped one)."""

from __future__ import annotations

import io

import pytest
from nextsociety.render import cards
from nextsociety.render.cards import (
    CARD_SIZE,
    CardError,
    CardFonts,
    CardText,
    card_key,
    draw_line,
    render_card,
    runs,
)
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

FONTS = CardFonts.debian()
ARABIC = CardText(
    "THE NEXT SOCIETY",
    "بيان صحفي",
    "انطلاقة قوية لمسار Cluster Booster Track لبرنامج THE NEXT SOCIETY في برشلونة",
    "نوفمبر 2018",
    "rtl",
)
ENGLISH = CardText("THE NEXT SOCIETY", "Press release", "A title", "November 2018")


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


@pytest.mark.parametrize("text", [ENGLISH, ARABIC])
def test_a_card_is_a_1200_by_630_png_made_the_same_every_time(text):
    png = render_card(text, FONTS)
    image = decode(png)
    assert (image.format, image.size, image.mode) == ("PNG", CARD_SIZE, "P")
    assert image.convert("RGB").getpixel((5, 5)) == cards.BACKGROUND
    assert render_card(text, FONTS) == png
    assert len(image.getcolors(1 << 24) or []) > 2  # text was drawn, antialiased


def test_runs_split_by_script_keep_spaces():
    assert [(r.text, r.arabic) for r in runs("لبرنامج THE NEXT SOCIETY في")] == [
        ("لبرنامج ", True),
        ("THE NEXT SOCIETY ", False),
        ("في", True),
    ]


def line_image(text: str, rtl: bool) -> Image.Image:
    image = Image.new("RGB", CARD_SIZE, "white")
    draw_line(ImageDraw.Draw(image), text, (FONTS.latin, FONTS.arabic), 48, 300, rtl, (0, 0, 0))
    return image


def reference(text: str, layout: ImageFont.Layout) -> Image.Image:
    font = ImageFont.truetype(str(FONTS.arabic), 48, layout_engine=layout)
    image = Image.new("RGB", CARD_SIZE, "white")
    options = {"direction": "rtl", "language": "ar"} if layout == ImageFont.Layout.RAQM else {}
    x = CARD_SIZE[0] - cards.MARGIN - round(font.getlength(text, **options))
    ImageDraw.Draw(image).text((x, 300), text, font=font, fill=(0, 0, 0), anchor="ls", **options)
    return image


def test_arabic_is_shaped_like_raqm_draws_it():
    assert features.check("raqm"), "Pillow without Raqm: Arabic cards cannot be made"
    word = "برشلونة"
    ours = line_image(word, rtl=True)
    assert ImageChops.difference(ours, reference(word, ImageFont.Layout.RAQM)).getbbox() is None
    assert ImageChops.difference(ours, reference(word, ImageFont.Layout.BASIC)).getbbox()


def test_arabic_line_starts_at_the_right_margin():
    box = ImageChops.invert(line_image("في برشلونة", rtl=True)).getbbox()
    assert (
        box is not None and CARD_SIZE[0] - cards.MARGIN - 3 <= box[2] <= CARD_SIZE[0] - cards.MARGIN
    )


def test_the_key_changes_with_the_text():
    assert card_key(ENGLISH, FONTS) == card_key(ENGLISH, FONTS)
    assert card_key(ENGLISH, FONTS) != card_key(ARABIC, FONTS)


def test_arabic_without_raqm_is_refused(monkeypatch):
    monkeypatch.setattr(cards, "has_raqm", lambda: False)
    with pytest.raises(CardError, match="Raqm"):
        render_card(ARABIC, FONTS)
    assert decode(render_card(ENGLISH, FONTS)).size == CARD_SIZE  # Latin needs no Raqm
