"""Trainer passwords: argon2id (argon2-cffi's defaults, RFC 9106's second recommendation)."""
from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from game.storage.errors import StoreError
from game.storage.hosted import HostedStore, Trainer

MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# Checked when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("doorstep: no such user")


def _check_new(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"A password needs at least {MIN_PASSWORD} characters.",
                         "A few unrelated words make a long password that is easy to remember.")


def add(store: HostedStore, username: str, display_name: str, password: str, role: str) -> Trainer:
    _check_new(password)
    return store.add_trainer(username, display_name, _HASHER.hash(password), role)


def reset_password(store: HostedStore, username: str, password: str) -> None:
    _check_new(password)
    if not store.set_password(username, _HASHER.hash(password)):
        raise StoreError(f"There is no account called '{username}'.", "`main.py trainer list` shows them.")


def authenticate(store: HostedStore, username: str, password: str) -> Trainer | None:
    """The trainer when the password is right (and the account enabled), else None."""
    trainer = store.trainer(username)
    try:
        _HASHER.verify(trainer.password_hash if trainer else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if trainer is None or trainer.disabled:
        return None
    if _HASHER.check_needs_rehash(trainer.password_hash):
        store.set_password(trainer.username, _HASHER.hash(password))
        trainer = store.trainer(trainer.username)
    return trainer


def password_stamp(trainer: Trainer) -> str:
    """A short fingerprint of the stored hash, kept in the sign-in cookie: a password change
    signs every other browser out."""
    return hashlib.sha256(trainer.password_hash.encode("utf-8")).hexdigest()[:16]
