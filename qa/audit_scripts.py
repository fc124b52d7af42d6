"""Scripts the audit runs inside each page, in Chromium."""

STRUCTURE_SCRIPT = """() => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible)
    .map((h) => ({level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 80)}));
  const count = (selector) => document.querySelectorAll(selector).length;
  const links = (selector) => [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href'));
  return {
    headings,
    landmarks: {
      banner: count('body > header, [role=banner]'),
      navigation: count('nav, [role=navigation]'),
      main: count('main, [role=main]'),
      contentinfo: count('body > footer, [role=contentinfo]'),
    },
    title: document.title,
    skipLink: !!document.querySelector('a.skip-link[href="#main"]') && !!document.getElementById('main'),
    lang: document.documentElement.lang,
    mainMenu: links('.main-nav a'),
    footerLinks: links('.site-footer a'),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
}"""

# Marks every element that should take keyboard focus, in reading (DOM) order. A radio group is
# one tab stop: only its checked (or first) button counts.
MARK_FOCUSABLES_SCRIPT = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
  const seenGroups = new Set();
  const expected = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.tabIndex < 0 || el.type === 'hidden') continue;
    if (!(el.getClientRects().length > 0) || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('[inert], [aria-hidden="true"]')) continue;
    if (insideClosedDetails(el)) continue;
    if (el.type === 'radio' && el.name) {
      const group = el.form ? [...el.form.elements].filter((r) => r.name === el.name) : [el];
      const stop = group.find((r) => r.checked) || group[0];
      if (el !== stop || seenGroups.has(el.name)) continue;
      seenGroups.add(el.name);
    }
    el.dataset.auditIndex = String(expected.length);
    expected.push(describe(el));
  }
  // The content of a closed <details> (all but its <summary>) is not rendered and Tab skips it,
  // although Chromium still gives its elements client rects.
  function insideClosedDetails(el) {
    for (let d = el.closest('details:not([open])'); d; d = d.parentElement && d.parentElement.closest('details:not([open])')) {
      const summary = d.querySelector(':scope > summary');
      if (!summary || !summary.contains(el)) return true;
    }
    return false;
  }
  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim();
    return `${el.tagName.toLowerCase()} "${text.replace(/\\s+/g, ' ').slice(0, 50)}"`;
  }
  return expected;
}"""

OVERFLOWING_SCRIPT = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))"""

FOCUS_STATE_SCRIPT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  const inView = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
  let covered = !inView;
  if (inView) {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    covered = !hit || !(hit === el || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(hit))));
  }
  return {index: el.dataset.auditIndex ?? null, tag: el.tagName.toLowerCase(), id: el.id,
          className: typeof el.className === 'string' ? el.className : '',
          visibleFocus: outline || shadow, covered};
}"""
