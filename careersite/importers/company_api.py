"""Per-company API roots: Recruitee and Personio serve each company from its own subdomain
('https://{board}.recruitee.com'), so `board` becomes part of a host name and is checked as one."""

from __future__ import annotations

import re

from .draft import SourceError

_SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)


def company_root(board: str, api: str, vendor: str, host: str) -> str:
    """`api` with "{board}" replaced by the company's subdomain; an `api` without "{board}" is taken
    as that one company's root as it is (a custom domain, or a test server). `vendor` and `host`
    ('.recruitee.com') word the error for a board that cannot be a subdomain."""
    if "{board}" not in api:
        return api.rstrip("/")
    if not _SUBDOMAIN.fullmatch(board):
        raise SourceError(f"{board!r} is not a {vendor} company name: give the part before {host}, e.g. acme")
    return api.replace("{board}", board.lower()).rstrip("/")
