"""Assessed sessions: where attempts, choices and signed results are kept (SQLite or PostgreSQL)."""
