"""The durable, concurrent update pipeline: inbox, per-chat lanes, outbox and sender."""
