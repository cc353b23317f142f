"""API tokens in the store: create (the secret is returned once), list, revoke, look up by hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..auth import TokenRecord, display_prefix, new_token, token_hash
from ..errors import InputError
from . import Store, utcnow
from .models import ApiToken

MAX_NAME = 64


def _record(row: ApiToken) -> TokenRecord:
    return TokenRecord(row.id, row.name, row.prefix, row.created_at, row.last_used_at, row.revoked_at)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise InputError(name or "NAME", f"a token name is 1 to {MAX_NAME} printable characters")
    return name


def create_token(store: Store, name: str, *, now: datetime | None = None) -> tuple[TokenRecord, str]:
    """A new token named ``name``: (its record, the secret). The secret is not kept anywhere."""
    name = _check_name(name)
    secret = new_token()

    def work(session: Session) -> TokenRecord:
        taken = session.scalar(select(ApiToken.id).where(ApiToken.name == name, ApiToken.revoked_at.is_(None)))
        if taken is not None:
            raise InputError(name, "an active token has that name already (revoke it, or pick another name)")
        row = ApiToken(name=name, prefix=display_prefix(secret), hash=token_hash(secret),
                       created_at=now or utcnow())
        session.add(row)
        session.flush()
        return _record(row)

    return store.write(work), secret


def list_tokens(store: Store, *, include_revoked: bool = False) -> tuple[TokenRecord, ...]:
    stmt = select(ApiToken).order_by(ApiToken.created_at, ApiToken.id)
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    return store.read(lambda s: tuple(_record(r) for r in s.scalars(stmt)))


def revoke_token(store: Store, name: str, *, now: datetime | None = None) -> TokenRecord:
    """Revoke the active token with this name (or this prefix, as ``token list`` shows it)."""

    def work(session: Session) -> TokenRecord:
        rows = session.scalars(select(ApiToken).where(
            ApiToken.revoked_at.is_(None), (ApiToken.name == name) | (ApiToken.prefix == name))).all()
        if not rows:
            raise InputError(name, "no active token has that name or prefix")
        if len(rows) > 1:
            raise InputError(name, "more than one token matches; give the prefix shown by token list")
        rows[0].revoked_at = now or utcnow()
        return _record(rows[0])

    return store.write(work)


def lookup(store: Store, hashed: str) -> TokenRecord | None:
    row = store.read(lambda s: s.scalars(select(ApiToken).where(ApiToken.hash == hashed)).first())
    return _record(row) if row is not None else None


def any_active(store: Store) -> bool:
    return store.read(lambda s: s.scalar(select(ApiToken.id).where(ApiToken.revoked_at.is_(None)).limit(1))) \
        is not None


def touch(store: Store, token_id: int, *, now: datetime | None = None) -> None:
    when = now or utcnow()
    store.write(lambda s: s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=when)))
