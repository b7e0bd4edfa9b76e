"""What the site (and this suite) takes from library data, written out.

Country and month names come from CLDR through Babel, at the version uv.lock pins. Other tests
assert on these names ("Espagne", "تونس"); this file is where that dependency is stated, so that
a Babel upgrade that renames a country or a month fails here first, with the name that changed,
in the weekly upstream job (.github/workflows/upstream.yml) rather than on main.
"""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from nextsociety.model.countries import country_name
from nextsociety.render.dates import long_date

# Every country of data/partners.yml and data/clusters.yml that CLDR names as the seed does.
# (Palestine and the United Kingdom are named by the site's own override table.)
CLDR_COUNTRY_NAMES = {
    "BE": ("Belgium", "Belgique", "بلجيكا"),
    "DZ": ("Algeria", "Algérie", "الجزائر"),
    "EG": ("Egypt", "Égypte", "مصر"),
    "ES": ("Spain", "Espagne", "إسبانيا"),
    "FR": ("France", "France", "فرنسا"),
    "GR": ("Greece", "Grèce", "اليونان"),
    "IT": ("Italy", "Italie", "إيطاليا"),
    "JO": ("Jordan", "Jordanie", "الأردن"),
    "LB": ("Lebanon", "Liban", "لبنان"),
    "MA": ("Morocco", "Maroc", "المغرب"),
    "TN": ("Tunisia", "Tunisie", "تونس"),
}

MONTHS = {
    "en_GB": "January February March April May June July August September October November "
    "December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


@pytest.mark.parametrize("code", sorted(CLDR_COUNTRY_NAMES))
def test_country_names_from_cldr(code):
    shown = tuple(country_name(code, lang) for lang in ("en", "fr", "ar"))
    assert shown == CLDR_COUNTRY_NAMES[code]


@pytest.mark.parametrize("code", sorted(MONTHS))
def test_month_names_from_cldr(code):
    locale = Locale.parse(code)
    months = [long_date(dt.date(2018, month, 1), locale).split(" ")[1] for month in range(1, 13)]
    assert months == MONTHS[code].split()
