"""THE NEXT SOCIETY site generator: a content model and thin MkDocs plugins over it."""

from __future__ import annotations

__version__ = "0.1.0"
