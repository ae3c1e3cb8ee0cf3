"""Runnable checklists: data in ``checklists/checklists/``, answers from a person, a file or the profile."""
