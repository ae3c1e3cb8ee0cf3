"""The practice's processing activities: the one source of the record, notice, retention and TOMs."""
