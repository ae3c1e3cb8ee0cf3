"""Runnable checklists (data in checklists/checklists/): answers from a person, file or profile."""
