"""Procedural art: character portraits and location backgrounds, drawn in code and cached."""
