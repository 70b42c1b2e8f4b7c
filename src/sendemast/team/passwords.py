"""Password hashing: argon2id from ``argon2-cffi`` (its default, RFC 9106's low-memory profile).

Nothing here logs or returns a password; hashes leave this module only to be stored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sendemast.team.errors import AccountError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 8
MAX_LENGTH = 1024  # argon2 takes any length; a bound stops a megabyte "password" from costing CPU


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise AccountError(f"the password is too short: at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise AccountError(f"the password is too long: at most {MAX_LENGTH} characters")
    if password != password.strip():
        raise AccountError("the password starts or ends with white space")


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_LENGTH:
        return False
    try:
        return bool(_hasher().verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone")


def burn_time() -> None:
    """Verify against a throwaway hash: a login for an unknown name costs as long as a wrong password,
    so response times do not tell which names exist."""
    verify_password(_dummy_hash(), "still not a password")


def needs_rehash(stored_hash: str) -> bool:
    return bool(_hasher().check_needs_rehash(stored_hash))
