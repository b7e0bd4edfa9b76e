"""The registries (data/*.yml): one module per registry, and what they share in `base`."""

from nextsociety.model.registries.base import (
    Registries,
    RegistryKind,
    load_registries,
    registry_kinds,
    vocabulary_keys,
)

__all__ = ["Registries", "RegistryKind", "load_registries", "registry_kinds", "vocabulary_keys"]
