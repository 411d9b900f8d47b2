# The procedures register is kept in the hub (governance), not the Django admin.
