"""Constants of the quality gates. Their fixtures (the served site, one headless Chromium, the
Nu checker) are in tests/conftest.py, so the search tests share the one browser session:
Playwright's sync API cannot run two sessions in one thread.
"""

from __future__ import annotations

import os

from tests.conftest import REAL_CONFIG

# The languages of the real site, the default one at the site root.
LANGUAGES = list(REAL_CONFIG["plugins"][0]["nextsociety/i18n"]["languages"])
# mkdocs.yml reads it as `!ENV [SITE_URL, default]`, which the build resolves the same way.
_SITE_URL = REAL_CONFIG["site_url"]
SITE_URL = os.environ.get(_SITE_URL[0], _SITE_URL[-1]) if isinstance(_SITE_URL, list) else _SITE_URL
