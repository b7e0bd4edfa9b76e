"""Files made once and cached outside site/ (social cards, image sizes, release PDFs), put into
site/ on every build. No MkDocs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish_cached(cached: Path, published: Path) -> None:
    """A cached file into site/: a hard link (no copy of thousands of files per build) where the
    cache and site/ share a file system, else a copy. Cached files are named by a hash of what
    they are made from and never rewritten with other content, so a link cannot change under
    a published site. (A tool that rewrites files of site/ in place would rewrite the cache
    too: such a tool must write new files.)"""
    published.parent.mkdir(parents=True, exist_ok=True)
    published.unlink(missing_ok=True)
    try:
        os.link(cached, published)
    except OSError:
        shutil.copyfile(cached, published)
