"""The accessibility rules the portal is held to, in one place.

The accessibility audit (portal/accessibility_audit.py: the test suite and `manage.py
audit_accessibility`) runs axe-core on every page with these tags, and the content checker in
Wagtail's userbar and editor "Checks" panel runs the very same ones, so an editor sees what the
test suite would reject.
"""

# axe-core tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
