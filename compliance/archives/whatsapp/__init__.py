"""WhatsApp "Export chat" text: header grammar, message vocabulary, counting and messages."""
