"""Creating a learning Source from an app below learning: a meeting (governance) or a case
review (reviews) owns a Source its findings and actions hang from, but those apps may not
import learning. Learning declares its one creator on its AppConfig (`source_create`), and
this module calls it (decision 0016's extension points), so there is one way to make a
Source, audited, whichever app asks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@cache
def _creator() -> Callable[..., Any]:
    paths = [path for config in apps.get_app_configs()
             if (path := getattr(config, "source_create", None))]
    if len(paths) != 1:
        raise ImproperlyConfigured("Exactly one app must declare source_create on its "
                                   f"AppConfig; found {len(paths)}.")
    return import_string(paths[0])


def source_create(*, actor, partnership, kind: str, title: str, partnerships=None) -> Any:
    """The new learning Source (see learning.sources.source_create): asks the policy layer,
    checks the title, saves and audits."""
    return _creator()(actor=actor, partnership=partnership, kind=kind, title=title,
                      partnerships=partnerships)
