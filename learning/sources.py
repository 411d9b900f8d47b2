"""Creating a learning Source: the one way a meeting, case review, challenge event, inquiry
or improvement plan gets the Source its findings and actions hang from (issue 10, item 4).
Apps below learning (governance, reviews) reach it through core.sources, as learning
declares it on its AppConfig (`source_create`, decision 0016).

The owning record's service asks for its own, stricter permission first; this asks only
that the actor works in the partnership, then validates, saves and audits the Source.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Partnership
from core.pii import personal_data_errors
from core.policy import require
from core.services import model_create

from .models import Source, Theme


def source_create(*, actor, partnership: Partnership | None, kind: str, title: str,
                  themes: Iterable[Theme] = (),
                  partnerships: Iterable[Partnership] | None = None) -> Source:
    """A new Source of `kind`, with an audit row, shared with `partnerships` (by default
    just `partnership`, the one the record is made in; a Tees-wide meeting's source is shared
    with every partnership of its group)."""
    require(actor, "learning.create_source", partnership)
    title = (title or "").strip()
    errors = {name: " ".join(reasons)
              for name, reasons in personal_data_errors(title=title).items()}
    if not title:
        errors["title"] = "Enter a title for the source of learning"
    if kind not in Source.Kind.values:
        errors["kind"] = "Choose a kind of source from the list"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return model_create(model_class=Source, actor=actor, partnership=partnership,
                            data={"kind": kind, "title": title},
                            m2m={"partnerships": (list(partnerships) if partnerships is not None
                                                  else [partnership]),
                                 "themes": list(themes)})
