"""The golden thread: where any record sits between incident and evidenced impact.

The tree is built from the top of the record's thread (the serious incident, or the source
itself for a meeting, audit or deep dive) down to evidence, so a page can show what came
before and what followed. Need-to-know holds throughout: a node the user may not read is left
out, unless something below it is readable, when it shows as "restricted" with no title or
link (the user may know their action came from a restricted review, not what is in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from .models import Action, Finding, Recommendation, Source


@dataclass
class Node:
    kind: str  # what the record is, in words
    title: str
    url: str = ""
    note: str = ""
    readable: bool = True
    current: bool = False
    children: list[Node] = field(default_factory=list)


RESTRICTED = "Restricted: only the review panel and the business unit can see it"


def _url(name, partnership, pk):
    return reverse(name, kwargs={"slug": partnership.slug, "pk": pk})


class ThreadBuilder:
    def __init__(self, user, partnership, current):
        self.user = user
        self.partnership = partnership
        self.current = (type(current).__name__, current.pk)

    def _is_current(self, obj) -> bool:
        return (type(obj).__name__, obj.pk) == self.current

    def _keep(self, node: Node) -> Node | None:
        if node.readable or node.current:
            return node
        if node.children:
            return Node(kind=node.kind, title=RESTRICTED, readable=False,
                        children=node.children)
        return None

    def _children(self, nodes) -> list[Node]:
        return [n for n in (self._keep(x) for x in nodes) if n is not None]

    # -- the top of a thread --

    @staticmethod
    def root_of(obj):
        """The incident, practice review or source at the top of `obj`'s thread."""
        from reviews.models import PracticeReview, SeriousIncident

        if isinstance(obj, Action):
            obj = obj.recommendation.finding.source if obj.recommendation_id else obj.source
        elif isinstance(obj, Recommendation):
            obj = obj.finding.source
        elif isinstance(obj, Finding):
            obj = obj.source
        if isinstance(obj, Source):
            obj = obj.owner or obj
        if hasattr(obj, "incident") and not isinstance(obj, (Source, SeriousIncident)):
            obj = obj.incident  # a rapid review
        if isinstance(obj, PracticeReview) and obj.rapid_review_id:
            obj = obj.rapid_review.incident
        return obj

    def build(self, obj) -> Node:
        from reviews.models import PracticeReview, SeriousIncident

        root = self.root_of(obj)
        if isinstance(root, SeriousIncident):
            node = self.incident(root)
        elif isinstance(root, PracticeReview):
            node = self.practice_review(root)
        else:
            node = self.source(root if isinstance(root, Source) else root.source)
        kept = self._keep(node)
        return kept or Node(kind=node.kind, title=RESTRICTED, readable=False)

    # -- case records --

    def incident(self, incident) -> Node:
        readable = self.user.has_perm("reviews.view_incident", incident)
        node = Node(kind="Serious incident", title=incident.reference, readable=readable,
                    current=self._is_current(incident),
                    url=_url("reviews:incident_detail", self.partnership, incident.pk)
                    if readable else "")
        children = self.source_children(incident.source)
        review = getattr(incident, "rapid_review", None)
        if review is not None:
            children.append(self.rapid_review(review, readable))
        node.children = self._children(children)
        return node

    def rapid_review(self, review, readable) -> Node:
        decision = {True: "local review to be held", False: "no local review"}.get(
            review.local_review, "decision not yet made")
        node = Node(kind="Rapid review", title=f"Rapid review: {review.incident.reference}",
                    note=decision, readable=readable,
                    url=_url("reviews:incident_detail", self.partnership, review.incident_id)
                    if readable else "")
        children = self.source_children(review.source)
        practice = getattr(review, "practice_review", None)
        if practice is not None:
            children.append(self.practice_review(practice))
        node.children = self._children(children)
        return node

    def practice_review(self, review) -> Node:
        readable = self.user.has_perm("reviews.view_practice_review", review)
        node = Node(kind=review.get_kind_display(), title=review.pseudonym, note=review.stage,
                    readable=readable, current=self._is_current(review),
                    url=_url("reviews:practice_review_detail", self.partnership, review.pk)
                    if readable else "")
        node.children = self._children(self.source_children(review.source))
        return node

    # -- any other source --

    def source(self, source) -> Node:
        readable = self.user.has_perm("learning.view_source", source)
        node = Node(kind=source.get_kind_display(), title=source.title, readable=readable,
                    current=self._is_current(source),
                    url=_url("learning:source_detail", self.partnership, source.pk)
                    if readable else "")
        node.children = self._children(self.source_children(source))
        return node

    def source_children(self, source) -> list[Node]:
        source_readable = self.user.has_perm("learning.view_source", source)
        findings = (
            Finding.objects.filter(source=source, partnership=self.partnership)
            .prefetch_related(Prefetch(
                "recommendations",
                queryset=Recommendation.objects.prefetch_related(Prefetch(
                    "actions", queryset=Action.objects.select_related(
                        "source", "owner_organisation").prefetch_related("evidence")))))
        )
        nodes = [self.finding(f, source_readable) for f in findings]
        direct = (Action.objects.filter(source=source, partnership=self.partnership,
                                        recommendation__isnull=True)
                  .select_related("source", "owner_organisation").prefetch_related("evidence"))
        nodes.extend(self.action(a) for a in direct)
        return nodes

    def finding(self, finding, readable) -> Node:
        node = Node(kind="Finding", title=str(finding), readable=readable,
                    current=self._is_current(finding),
                    url=_url("learning:thread_finding", self.partnership, finding.pk)
                    if readable else "")
        node.children = self._children(
            self.recommendation(r, readable) for r in finding.recommendations.all())
        return node

    def recommendation(self, rec, readable) -> Node:
        node = Node(kind="Recommendation", title=str(rec), readable=readable,
                    current=self._is_current(rec),
                    note=("SMART" if rec.is_smart else "Not SMART") if readable else "",
                    url=_url("learning:thread_recommendation", self.partnership, rec.pk)
                    if readable else "")
        node.children = self._children(self.action(a) for a in rec.actions.all())
        return node

    def action(self, action) -> Node:
        readable = self.user.has_perm("learning.view_action", action)
        node = Node(kind="Action", title=action.title, readable=readable,
                    current=self._is_current(action),
                    note=f"{action.get_status_display()}"
                    + (f", {action.owner_organisation}" if action.owner_organisation else ""),
                    url=_url("learning:action_detail", self.partnership, action.pk)
                    if readable else "")
        if readable:
            node.children = [
                Node(kind="Evidence", title=e.description, note=f"{e.added_on:%d %B %Y}")
                for e in action.evidence.all()
            ]
        return node


def thread_for(user, partnership, obj) -> Node:
    return ThreadBuilder(user, partnership, obj).build(obj)
