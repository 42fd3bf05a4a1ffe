"""Storage tests: every test that uses ``database_url`` runs on SQLite and PostgreSQL."""
