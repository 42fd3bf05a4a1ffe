"""End-to-end tests: the real ``hearback`` process against the fake Bot API."""
