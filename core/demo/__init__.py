"""The Tees demo: fictional people in the two Teesside partnerships described by the seeds.

`tees` holds the data (plain dicts and lists), `loader` writes it idempotently, `totp` derives
the demo users' authenticator keys. `manage.py load_demo` runs it.
"""
