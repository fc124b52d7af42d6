"""The second factor in real Chromium, in French and Dutch: set-up, the code screen (a right, a
wrong and a reused code, a recovery code), the lock-out, the session's end, keyboard only, axe."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from accounts.testing import current_code, totp_device
from core.accessibility import WCAG_TAGS
from tests.accounts.helpers import app_code
from tests.editor_helpers import PASSWORD, make_user, restore_editorial_set_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_site(live_site):
    restore_editorial_set_up()
    return live_site.url


def new_page(browser, language, width=1280):
    context = browser.new_context(locale=language, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return page


def password_step(page, site, username, password=PASSWORD):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_code(page, code):
    """As a keyboard user: the code field has the focus; type, then Enter.

    The browser moves the focus to an `autofocus` field at its next rendering after the load
    event, which a busy machine can reach after Playwright's navigation has returned: wait for
    it (up to 5 s), then check where it is."""
    try:
        page.wait_for_function("document.activeElement?.id === 'id_code'", timeout=5000)
    except PlaywrightTimeout:
        pass
    assert page.evaluate("document.activeElement.id") == "id_code"
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def axe_violations(page):
    results = Axe().run(
        page,
        context={"include": ["main"]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [
        f"{page.url} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


def sign_out(page, site):
    page.goto(f"{site}/admin/")
    page.evaluate(
        "() => { const f = document.createElement('form'); f.method = 'post';"
        " f.action = '/admin/logout/'; const t = document.createElement('input');"
        " t.type = 'hidden'; t.name = 'csrfmiddlewaretoken';"
        " t.value = document.cookie.match(/csrftoken=([^;]+)/)[1]; f.append(t);"
        " document.body.append(f); f.submit(); }"
    )
    page.wait_for_url("**/admin/login/**")


def test_a_french_editor_sets_up_the_app_and_signs_in_with_codes(admin_site, browser):
    user = make_user("amelie", "Editors", language="fr")
    user.totpdevice_set.all().delete()
    page = new_page(browser, "fr-BE")
    problems = []

    password_step(page, admin_site, "amelie")
    assert "/admin/2fa/setup/" in page.url
    assert page.locator("h1").inner_text() == "Configurez votre second facteur"
    assert page.locator(".accounts-qr svg").is_visible()
    assert page.locator(".accounts-qr").get_attribute("role") == "img"
    secret = page.locator("#accounts-secret").inner_text()
    problems += axe_violations(page)
    page.locator("#id_code").focus()
    type_code(page, app_code(secret))

    assert "/admin/2fa/recovery-codes/" in page.url
    assert page.locator("h1").inner_text() == "Conservez vos codes de récupération"
    codes = page.locator("#accounts-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    problems += axe_violations(page)
    page.get_by_role("link", name="Je les ai conservés, continuer").click()
    page.wait_for_url(f"{admin_site}/admin/")
    sign_out(page, admin_site)

    # The next sign-in asks for a code; a wrong one is refused with a clear message.
    device = totp_device(user)
    password_step(page, admin_site, "amelie")
    assert "/admin/2fa/verify/" in page.url
    assert page.locator("h1").inner_text() == "Deuxième étape : saisissez un code"
    problems += axe_violations(page)
    right = app_code(secret, when=time.time() + 30)  # the app's next code (clock a bit ahead)
    type_code(page, f"{(int(right) + 1) % 1_000_000:06d}")
    error = page.locator("#accounts-code-error")
    assert error.is_visible() and "Ce code n’a pas été accepté." in error.inner_text()
    field = page.locator("#id_code")
    assert field.get_attribute("aria-invalid") == "true"
    assert "accounts-code-error" in field.get_attribute("aria-describedby")
    problems += axe_violations(page)
    time.sleep(1.1)  # django-otp's pause after a wrong code
    page.locator("#id_code").fill("")
    type_code(page, right)
    page.wait_for_url(f"{admin_site}/admin/")
    sign_out(page, admin_site)

    # The same code again: refused, even with the right password.
    password_step(page, admin_site, "amelie")
    type_code(page, right)
    assert "/admin/2fa/verify/" in page.url
    assert "Ce code n’a pas été accepté." in page.locator("#accounts-code-error").inner_text()

    # A recovery code instead.
    time.sleep(2.1)
    page.locator("#id_code").fill("")
    type_code(page, codes[3])
    page.wait_for_url(f"{admin_site}/admin/")
    device.refresh_from_db()
    assert user.staticdevice_set.get().token_set.count() == 9
    assert not page.errors, page.errors
    page.context.close()
    assert not problems, "\n".join(problems)


def test_wrong_codes_lock_a_dutch_editor_out_like_wrong_passwords(admin_site, browser, settings):
    settings.AXES_ENABLED = True
    make_user("els", "Editors", language="nl")
    page = new_page(browser, "nl-BE")
    password_step(page, admin_site, "els", password="not her password")
    password_step(page, admin_site, "els", password="nor this one")
    password_step(page, admin_site, "els")
    assert page.locator("h1").inner_text() == "Tweede stap: voer een code in"
    for attempt in range(settings.AXES_FAILURE_LIMIT - 2):
        page.locator("#id_code").fill("")
        type_code(page, f"00000{attempt}")
    assert "Te veel mislukte aanmeldpogingen" in page.locator("main").inner_text()
    problems = axe_violations(page)
    # Signed out: the admin asks for the password again, and even the right one is refused.
    password_step(page, admin_site, "els")
    assert "Te veel mislukte aanmeldpogingen" in page.locator("main").inner_text()
    page.context.close()
    assert not problems, "\n".join(problems)


def test_an_idle_admin_session_ends_and_says_so(admin_site, browser, settings):
    settings.PORTAL_ADMIN_SESSION_IDLE_SECONDS = 3
    user = make_user("els", "Editors", language="nl")
    page = new_page(browser, "nl-BE")
    password_step(page, admin_site, "els")
    type_code(page, current_code(totp_device(user)))
    page.wait_for_url(f"{admin_site}/admin/")
    page.goto(f"{admin_site}/admin/pages/")
    assert page.url.endswith("/admin/pages/")  # active: still signed in
    time.sleep(3.5)
    page.goto(f"{admin_site}/admin/pages/")
    assert "/admin/login/" in page.url
    assert "Uw sessie is beëindigd" in page.locator(".messages").inner_text()
    page.context.close()


def test_the_sign_in_screens_fit_a_small_screen(admin_site, browser, tmp_path):
    """French and Dutch, 320 and 1280 pixels wide: the screens never scroll sideways.
    Screenshots of each screen land in tmp_path, to look at."""
    problems = []
    for number, (language, width) in enumerate(
        (lang, width) for lang in ("fr-BE", "nl-BE") for width in (320, 1280)
    ):
        username = f"jan{number}"
        user = make_user(username, "Editors", language=language[:2])
        user.totpdevice_set.all().delete()
        page = new_page(browser, language, width=width)

        def look(screen, page=page, name=f"{language}-{width}"):
            page.screenshot(path=tmp_path / f"{screen}-{name}.png", full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{screen} {name}: {overflow}px sideways")

        password_step(page, admin_site, username)
        look("setup")
        page.locator("#id_code").focus()
        type_code(page, app_code(page.locator("#accounts-secret").inner_text()))
        look("codes")
        sign_out(page, admin_site)
        password_step(page, admin_site, username)
        type_code(page, "999999")
        look("verify")
        page.context.close()
    assert not problems, problems
