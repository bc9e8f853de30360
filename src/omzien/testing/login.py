"""Logging a user in, in tests, as if through the two-factor login."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP


def totp_token(user) -> str:
    device = user.totpdevice_set.get()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_verified(client, user):
    """Log a user in as if through the two-factor login (password and TOTP)."""
    client.force_login(user)
    device = user.totpdevice_set.get()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
