"""The registries (data/*.yml): one module per registry, and what they share in `base`."""
