"""The practice's processing activities: one source for record, notice, retention and TOMs."""
