"""Who may see and keep the partnership's budget.

Readers of the partnership (business unit, partner delegates, the independent scrutineer)
see every year's budget: partners fund the partnership and scrutiny looks at the money. Only
the business unit records, imports, closes and reopens a year.
"""

import rules

from core import policy


def _pid(obj):
    partnership = getattr(obj, "partnership", obj)
    return getattr(partnership, "pk", None)


@rules.predicate
def reads_budget(user, obj):
    return obj is not None and policy.is_reader(user, _pid(obj))


@rules.predicate
def keeps_budget(user, obj):
    return obj is not None and policy.is_business_unit(user, _pid(obj))


rules.add_perm("finance.view_budget", reads_budget)
rules.add_perm("finance.manage_budget", keeps_budget)
