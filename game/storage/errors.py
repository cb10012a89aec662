"""The one error the storage layer raises: a message for a trainer plus a hint on what to do."""
from __future__ import annotations


class StoreError(Exception):
    """A problem with the results store, worded for the person at the keyboard."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message
