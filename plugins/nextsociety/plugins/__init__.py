"""Thin MkDocs adapters over `nextsociety.model`: one module per plugin."""
