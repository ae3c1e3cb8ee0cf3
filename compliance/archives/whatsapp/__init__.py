"""WhatsApp "Export chat" text: the header grammar, the message vocabulary, counting and messages."""
