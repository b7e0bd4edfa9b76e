"""What is computed from the model: archives, localized dates, feeds, structured data. No MkDocs."""
