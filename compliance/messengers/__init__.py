"""Messengers: reading the catalogue's facts, the risks they imply, and comparing messengers."""
