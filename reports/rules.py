"""Who may read, write, approve and publish the yearly report.

Readers of the partnership (business unit, partner delegates, scrutineer) read the draft;
the business unit assembles it; partner delegates approve its narrative and record sign-off;
the independent scrutineer writes their own statement; the business unit or a partner
delegate publishes it (a frozen version, decision 0010); the business unit keeps the
publication deadline rules.
"""

import rules

from core import policy
from core.models import Role

from .models import NarrativeBlock


def _pid(obj):
    partnership = getattr(obj, "partnership", obj)
    return getattr(partnership, "pk", None)


@rules.predicate
def reads_reports(user, obj):
    return obj is not None and policy.is_reader(user, _pid(obj))


@rules.predicate
def runs_reports(user, obj):
    return obj is not None and policy.is_business_unit(user, _pid(obj))


@rules.predicate
def is_partner_delegate(user, obj):
    return obj is not None and policy.scope_of(user).has(Role.PARTNER_DELEGATE, _pid(obj))


@rules.predicate
def writes_block(user, block):
    """obj: a NarrativeBlock (or anything with partnership and kind)."""
    if block is None:
        return False
    if policy.is_business_unit(user, _pid(block)):
        return True
    return (getattr(block, "kind", None) == NarrativeBlock.Kind.SCRUTINY
            and policy.scope_of(user).has(Role.SCRUTINEER, _pid(block)))


rules.add_perm("reports.view_report", reads_reports)
rules.add_perm("reports.manage_report", runs_reports)
rules.add_perm("reports.write_block", writes_block)
rules.add_perm("reports.approve_block", is_partner_delegate)
rules.add_perm("reports.record_publication", runs_reports | is_partner_delegate)
rules.add_perm("reports.publish_report", runs_reports | is_partner_delegate)
rules.add_perm("reports.manage_deadline_rules", runs_reports)
