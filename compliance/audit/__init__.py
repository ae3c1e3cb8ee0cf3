"""The archive audit: rules over a stream of messages produce findings and one AuditReport."""
