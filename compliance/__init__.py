"""compliance: a local-first privacy-compliance toolkit for practitioners who use messengers."""

__version__ = "0.2.0"
