"""What the tests of the sign-in do as a person would: read the key the setup screen shows and
compute the code an authenticator app would show for it."""

import re
import time
from base64 import b32decode

from django_otp.oath import TOTP

SECRET = re.compile(r'id="accounts-secret">([A-Z2-7 ]+)</code>')


def secret_on_page(html):
    return SECRET.search(html).group(1)


def app_code(secret, when=None):
    """The 6-digit code an authenticator app shows for `secret` (as typed from the screen)."""
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, digits=6)
    totp.time = when or time.time()
    return f"{totp.token():06d}"
