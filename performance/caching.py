"""Caching of computed figures through Django's cache framework.

Figures change only when data is saved, so what pages compute from them is cached under
`selectors.data_version()`, which moves on with every saved return, catalogue, target or
benchmark change: a cached page is never stale."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
SECONDS = 3600


def cached(name: str, compute: Callable[[], T], seconds: int = SECONDS) -> T:
    key = "performance:" + hashlib.sha256(name.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
