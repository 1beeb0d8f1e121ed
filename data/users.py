"""Users and API tokens of the optional login (``AUTH=on``; off by default on localhost).

Passwords are hashed with werkzeug's ``scrypt`` (salted, memory-hard; werkzeug ships with
Flask, so no new dependency), and checked in constant time. API tokens are random 256-bit
strings shown once; only their SHA-256 is stored (a token has full entropy, so a plain hash is
enough and makes the lookup one indexed query). Writes go through ``data.writes``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select
from werkzeug.security import check_password_hash, generate_password_hash

from data.schema import ApiToken, User

MIN_PASSWORD_LENGTH = 10
#: A hash checked when the name is unknown, so that a wrong name costs as long as a wrong
#: password (no user enumeration by timing).
_DUMMY_HASH = generate_password_hash("not a password of anyone", method="scrypt")


@dataclass(frozen=True)
class UserInfo:
    """Who is signed in."""

    id: int
    name: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(engine: Engine, name: str, password: str) -> UserInfo:
    """Create a user; ``ValueError`` (saying what to change) for a bad name or password."""
    name = name.strip()
    if not name or len(name) > 80:
        raise ValueError("a user name is 1 to 80 characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    with engine.begin() as conn:
        if conn.execute(select(User.id).where(User.name == name)).first() is not None:
            raise ValueError(f"user {name!r} already exists")
        user_id = int(conn.execute(insert(User).values(
            name=name, password_hash=generate_password_hash(password, method="scrypt"),
            created_at=datetime.now(UTC)).returning(User.id)).scalar_one())
    return UserInfo(user_id, name)


def authenticate(engine: Engine, name: str, password: str) -> UserInfo | None:
    """The user whose name and password these are, else None (same cost either way)."""
    with engine.connect() as conn:
        row = conn.execute(select(User.id, User.name, User.password_hash)
                           .where(User.name == name.strip())).first()
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return UserInfo(row.id, row.name) if check_password_hash(row.password_hash, password) else None


def get_user(engine: Engine, user_id: int) -> UserInfo | None:
    """The user with this id (a session may outlive its user)."""
    with engine.connect() as conn:
        row = conn.execute(select(User.id, User.name).where(User.id == user_id)).first()
    return None if row is None else UserInfo(row.id, row.name)


def create_token(engine: Engine, name: str) -> str:
    """A new API token for user ``name`` (shown once; ``LookupError`` for an unknown user)."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        user_id = conn.execute(select(User.id).where(User.name == name)).scalar()
        if user_id is None:
            raise LookupError(f"no user {name!r}; add one with python -m data user add NAME")
        conn.execute(insert(ApiToken).values(
            user_id=user_id, token_hash=_token_hash(token), created_at=datetime.now(UTC)))
    return token


def token_user(engine: Engine, token: str) -> UserInfo | None:
    """The user a bearer token belongs to, else None."""
    if not token or len(token) > 200:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(User.id, User.name).join(ApiToken, ApiToken.user_id == User.id)
                           .where(ApiToken.token_hash == _token_hash(token))).first()
    return None if row is None else UserInfo(row.id, row.name)
