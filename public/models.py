"""The public site holds no records of its own: it publishes what other apps keep (the
procedures register is governance's)."""
