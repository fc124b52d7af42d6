from tests.editorial.admin_browser import editorial_site  # noqa: F401  (the fixture)
