"""Proof of design: German, and a new translated field, need no change to the portal's code.

The checks run in a subprocess with tests/extended/settings.py (Django settings are fixed once
per process); this test fails with their output when any of them fails, or none ran.
"""

import os
import re
import subprocess
import sys

from django.conf import settings

from tests.conftest import EXTENDED_SETTINGS


def test_a_fourth_language_and_a_new_translated_field_reach_every_consumer():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": EXTENDED_SETTINGS}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/extended",
            "--nomigrations",
            "-o",
            "python_files=check_*.py",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = re.search(r"(\d+) passed", result.stdout)
    assert result.returncode == 0 and summary and int(summary.group(1)) >= 14, (
        result.stdout[-6000:] + result.stderr[-3000:]
    )
