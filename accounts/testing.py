"""Test helpers: sign test accounts in with their second factor, as a person would.

- ``totp_device(user)``: the account's authenticator app (created, confirmed, when missing).
- ``current_code(device)``: the code the app shows now, and never one the device already took
  (django-otp refuses a code twice: as an app, it waits for the next one).
- ``verify_second_factor(client, user)``: for Django's test client after ``force_login``:
  stores the verified device in the session, as the code screen does.
- ``TwoFactorClient``: a test client whose ``force_login``/``login`` do both steps (the
  ``client`` fixture of tests/conftest.py is one).
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy


def totp_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def code_at(device, when=None):
    """The code an authenticator app shows at `when` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = when or time.time()
    return f"{totp.token():0{device.digits}d}"


def current_code(device):
    """A code the device accepts now: this time step's, or the next one once it was used."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = totp.t()
    if step <= device.last_t:
        step = device.last_t + 1
        if step > totp.t() + device.tolerance:
            time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
            return current_code(device)
    return f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"


def verify_second_factor(client, user):
    device = totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[policy.VERIFIED_DEVICE] = device.persistent_id
    session.save()
    return device


class TwoFactorClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        verify_second_factor(self, user)

    def login(self, **credentials):
        signed_in = super().login(**credentials)
        if signed_in:
            from django.contrib.auth import get_user_model

            verify_second_factor(
                self, get_user_model()._default_manager.get(pk=self.session["_auth_user_id"])
            )
        return signed_in
