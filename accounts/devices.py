"""The second-factor devices of an account (django-otp): an authenticator app (TOTP) and a set
of one-time recovery codes (a static device)."""

import io
from base64 import b32encode

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def confirmed_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user).first()


def pending_app(user):
    """The authenticator being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def secret_text(device):
    """The secret as an authenticator app asks for it, in groups of four to copy by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The QR code of the device's otpauth:// address, as inline SVG (no other origin)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=8
    )
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # inline: without the XML declaration


def new_recovery_codes(user):
    """Replace the account's recovery codes by new ones and return them (shown once)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes"}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_all(user):
    """Reset: the account sets up a new second factor at its next sign-in."""
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
