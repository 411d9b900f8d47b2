"""Who may see and keep the partnership's business records.

Everyone who works in the partnership reads them (voice items without consent stay inside
it); the business unit keeps them; the independent scrutineer alone writes and approves the
scrutineer's statement.
"""

import rules

from core import rules as core_rules

rules.add_perm("business.view_business", core_rules.works_in_partnership)
rules.add_perm("business.manage_business", core_rules.business_unit_of_partnership)
rules.add_perm("business.write_statement", core_rules.scrutineer_of_partnership)
