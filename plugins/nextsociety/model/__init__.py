"""The content model: plain Python, no MkDocs import.

Registries, front matter and translations are loaded and validated here into frozen
records; the MkDocs plugins in `nextsociety.plugins` only adapt these records.
"""

from __future__ import annotations

from nextsociety.model.errors import DataError, Problem, closest

__all__ = ["DataError", "Problem", "closest"]
