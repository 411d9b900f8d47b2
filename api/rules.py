import rules

from core.rules import business_unit_of_partnership

# The business unit lists, creates and revokes the API tokens of its partnership.
rules.add_perm("api.manage_tokens", business_unit_of_partnership)
