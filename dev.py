#!/usr/bin/env python3
"""The portal's two everyday commands, needing nothing but Python 3.11+:

    python3 dev.py run    create .venv, install, migrate, load the content, serve on :8000
    python3 dev.py test   create .venv, install with test tools, run the whole test suite

Both are safe to run again: the environment is reused, migrations and content loading are
idempotent, and an existing admin account is kept.
"""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - tell users of an old Python, before tomllib fails
    sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")

import hashlib  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tomllib  # noqa: E402
import venv  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = ROOT / ".deps-stamp"


def say(message):
    print(f"\n==> {message}", flush=True)


def run(*args, **kwargs):
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment(with_tests):
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        venv.create(VENV, with_pip=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    if with_tests:
        requirements += project["optional-dependencies"]["test"]
    wanted = hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()
    installed = STAMP.read_text().split() if STAMP.exists() else []
    if wanted not in installed:
        say("Installing dependencies (pyproject.toml)")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)
        STAMP.write_text("\n".join(set(installed) | {wanted}))


def manage(*args, env=None):
    run(PYTHON, "manage.py", *args, env=env)


def prepare_site(env):
    say("Migrating the database")
    manage("migrate", "--no-input", "-v", "1", env=env)
    say("Loading the content (python manage.py load_content)")
    manage("load_content", env=env)
    say("Admin account")
    manage("ensure_dev_admin", env={**env, "PORTAL_DEBUG": "1"})


def command_run(argv):
    ensure_environment(with_tests=False)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    prepare_site(env)
    if "--no-serve" in argv:
        return
    say("Serving the portal on http://127.0.0.1:8000/  (Ctrl+C stops it)")
    manage("runserver", "127.0.0.1:8000", env=env)


def ensure_browser():
    """Chromium for the browser tests: Debian's when installed, else Playwright's own.

    Installing Playwright's browser is a set-up step here, never something a test does.
    """
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    probe = subprocess.run(
        [
            str(PYTHON),
            "-c",
            "from playwright.sync_api import sync_playwright as p\n"
            "with p() as pw: print(pw.chromium.executable_path)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if probe.returncode == 0 and Path(probe.stdout.strip()).exists():
        return
    say("Installing Playwright's Chromium for the browser tests")
    run(PYTHON, "-m", "playwright", "install", "chromium")


def ensure_html_validator():
    """The Nu Html Checker for the accessibility audit: vnu.jar from npm (package.json), run by Java."""
    if (ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").exists():
        return
    if not shutil.which("npm"):
        sys.exit(
            "The HTML validation test needs vnu.jar from npm: install Node.js and npm "
            "(Debian: apt-get install npm), then run this again."
        )
    say("Installing the Nu Html Checker (npm package vnu-jar, see package.json)")
    run("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")


def command_test(argv):
    ensure_environment(with_tests=True)
    ensure_browser()
    ensure_html_validator()
    if not shutil.which("java"):
        sys.exit(
            "The HTML validation test runs the Nu Html Checker, which needs Java "
            "(Debian: apt-get install default-jre-headless)."
        )
    dictionaries = [f"/usr/share/hunspell/{name}.dic" for name in ("fr_BE", "nl_BE", "en_GB")]
    if not shutil.which("hunspell") or not all(Path(path).exists() for path in dictionaries):
        sys.exit(
            "The language-of-parts test checks every page with hunspell dictionaries "
            "(Debian: apt-get install hunspell hunspell-fr hunspell-nl hunspell-en-gb)."
        )
    say(
        "Running the test suite"
        + (
            f" on {os.environ['DATABASE_URL'].split('@')[-1]}"
            if os.environ.get("DATABASE_URL")
            else " on SQLite"
        )
    )
    result = subprocess.run([str(PYTHON), "-m", "pytest", *argv], cwd=ROOT)
    sys.exit(result.returncode)


def main():
    commands = {"run": command_run, "test": command_test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
