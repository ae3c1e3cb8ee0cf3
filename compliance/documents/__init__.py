"""Documents: a practice profile and a template become a renderer-neutral :class:`Document`."""
