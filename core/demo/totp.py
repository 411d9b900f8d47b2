"""Stable authenticator keys for the demo logins, so a code works after every reload."""

from __future__ import annotations

import base64
import hashlib

DEVICE_NAME = "Demo authenticator"


def demo_key(username: str) -> str:
    """40 hex characters (a 20-byte TOTP secret) derived from the username alone."""
    return hashlib.sha1(b"hub-demo-" + username.encode()).hexdigest()


def current_code(device) -> str:
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def base32_secret(device) -> str:
    return base64.b32encode(device.bin_key).decode("ascii")
