"""Need-to-know for records that point at a learning source (decision 0005).

The one rule behind `learning.view_source` and `learning.view_recommendation`, worked out for
many sources at once, and what a page, an export or a thread may then print about an
action's source and recommendation. An action's owner works the action (its own text, due
date and evidence); the source of a restricted review shows as "Restricted review" and its
recommendation's text is withheld unless the reader may read the source.

`source_access` runs a fixed number of queries whatever the number of sources, so list pages
and exports keep a fixed query count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core import policy
from core.models import Role

from .models import Source

RESTRICTED_SOURCE = "Restricted review"
WITHHELD = "Withheld: it belongs to a restricted review"

@dataclass(frozen=True)
class Access:
    readable: frozenset[int]  # sources whose findings and recommendations the user may read
    restricted: frozenset[int]  # case reviews not yet published: need-to-know

    def hides(self, source) -> bool:
        """Whether the reader must not even learn this source's name: a restricted case
        review they may not read. Other sources are named, even when their findings are not
        readable (a practitioner who owns a meeting's action sees the meeting)."""
        return source.pk in self.restricted and source.pk not in self.readable


def source_access(user, sources: Iterable[Source]) -> Access:
    """Which of `sources` `user` may read: everyone at work in one of the source's
    partnerships, except that a case review's are need-to-know (the business unit and the
    review's panel) until it is published. At most five queries, whatever the number."""
    from reviews.models import PracticeReview, RapidReview

    by_id = {s.pk: s for s in sources if s is not None and s.pk is not None}
    case_ids = [pk for pk, s in by_id.items() if s.kind in Source.CASE_KINDS]
    owners = {row["pk"]: row for row in Source.objects.filter(pk__in=case_ids).values(
        "pk", "practice_review__id", "practice_review__partnership_id",
        "practice_review__published_on", "rapid_review__incident_id",
        "rapid_review__incident__partnership_id", "serious_incident__id",
        "serious_incident__partnership_id")} if case_ids else {}
    # A practice review is restricted until it is published; the other case kinds always are.
    restricted = frozenset(pk for pk in case_ids
                           if owners.get(pk, {}).get("practice_review__published_on") is None)
    scope = policy.scope_of(user)
    if not by_id or not scope.roles:
        return Access(readable=frozenset(), restricted=restricted)
    partnerships: dict[int, set[int]] = {}
    for source_id, partnership_id in Source.partnerships.through.objects.filter(
            source_id__in=list(by_id)).values_list("source_id", "partnership_id"):
        partnerships.setdefault(source_id, set()).add(partnership_id)
    working = {pk for pk, ps in partnerships.items()
               if any(scope.has_any(policy.WORKING_ROLES, p) for p in ps)}
    panels: dict[str, set[int]] = {}

    def panels_of(kind: str) -> set[int]:
        # Which panels the user sits on; asked only when a restricted record needs it.
        if not panels:
            panels["rapid"] = set(RapidReview.panel_members.through.objects.filter(
                person_id=scope.person_id).values_list("rapidreview__incident_id", flat=True))
            panels["practice"] = set(PracticeReview.panel_members.through.objects.filter(
                person_id=scope.person_id).values_list("practicereview_id", flat=True))
        return panels[kind]

    def case_record_readable(row) -> bool:
        # As reviews.view_practice_review / reviews.view_incident: the business unit of the
        # record's partnership, or anyone with a role there who sits on its panel.
        if row.get("practice_review__id") is not None:
            record_id, partnership_id, kind = (row["practice_review__id"],
                                               row["practice_review__partnership_id"], "practice")
        elif row.get("rapid_review__incident_id") is not None:
            record_id, partnership_id, kind = (row["rapid_review__incident_id"],
                                               row["rapid_review__incident__partnership_id"],
                                               "rapid")
        elif row.get("serious_incident__id") is not None:
            record_id, partnership_id, kind = (row["serious_incident__id"],
                                               row["serious_incident__partnership_id"], "rapid")
        else:
            return False
        if scope.has(Role.BUSINESS_UNIT, partnership_id):
            return True
        return (bool(scope.person_id) and partnership_id in scope.partnership_ids()
                and record_id in panels_of(kind))

    readable = frozenset(pk for pk in working
                         if pk not in restricted or case_record_readable(owners.get(pk, {})))
    return Access(readable=readable, restricted=restricted)


@dataclass(frozen=True)
class SourceShown:
    """What may be printed about an action's source and recommendation."""

    title: str
    kind: str  # "" when the source is hidden
    readable: bool  # may open the source's page (so a link may be shown)
    recommendation_text: str | None  # None: no recommendation; WITHHELD when not readable

    @property
    def label(self) -> str:
        return f"{self.kind}: {self.title}" if self.kind else self.title


def _shown(action, access: Access) -> SourceShown:
    source = action.source
    readable = source.pk in access.readable
    if access.hides(source):
        title, kind = RESTRICTED_SOURCE, ""
    else:
        title, kind = source.title, source.get_kind_display()
    text = None
    if action.recommendation_id:
        text = action.recommendation.text if readable else WITHHELD
    return SourceShown(title=title, kind=kind, readable=readable, recommendation_text=text)


def mark_actions(user, actions) -> list:
    """The actions as a list, each with `.shown` (a SourceShown) for pages, exports and
    templates. The actions should have `source` (and `recommendation`) joined already."""
    actions = list(actions)
    access = source_access(user, {a.source_id: a.source for a in actions}.values())
    for action in actions:
        action.shown = _shown(action, access)
    return actions


def shown_for(user, action) -> SourceShown:
    """One action's SourceShown (kept on the action)."""
    if not hasattr(action, "shown"):
        mark_actions(user, [action])
    return action.shown


def sources_shown(user, sources) -> dict[int, SourceShown]:
    """Source id -> what this reader may see of it (a case review they may not read is
    "Restricted review", with no kind or link), for pages that name sources: thematic
    analysis, challenge events, dissemination."""
    sources = [s for s in sources if s is not None]
    access = source_access(user, sources)
    shown = {}
    for s in sources:
        hidden = access.hides(s)
        shown[s.pk] = SourceShown(title=RESTRICTED_SOURCE if hidden else s.title,
                                  kind="" if hidden else s.get_kind_display(),
                                  readable=s.pk in access.readable, recommendation_text=None)
    return shown


def mark_sources(user, rows, source_attr: str = "source") -> list:
    """The rows as a list, each with `.source_shown` (a SourceShown, or None when the row
    has no source) for the row's `source_attr` source: one look-up for the whole list."""
    rows = list(rows)
    shown = sources_shown(user, {getattr(r, f"{source_attr}_id"): getattr(r, source_attr)
                                 for r in rows if getattr(r, f"{source_attr}_id")}.values())
    for row in rows:
        row.source_shown = shown.get(getattr(row, f"{source_attr}_id"))
    return rows
