"""What the layout tests measure in the browser, and how they open the app as someone.

Widths: 390 px is a common phone, 1280 px a laptop. A page fits when the document is no
wider than the window (document.documentElement.scrollWidth <= clientWidth): anything
wider must scroll inside a box of its own.
"""

from django.conf import settings
from django.test import Client

WIDTHS = (390, 1280)
HEIGHT = 900

# The page's width and, when it is wider than the window, the widest element that sticks out
# past the window's right edge and is not inside a box that clips or scrolls it.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const contained = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const widestOf = (elements) => {
    let widest = null;
    for (const element of elements) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 0.5) continue;
      if (!widest || box.width > widest.box.width) widest = {element, box};
    }
    return widest;
  };
  const all = [...document.body.querySelectorAll("*")];
  // An absolutely positioned element can escape the box it sits in: then name the widest
  // element sticking out at all.
  const widest = widestOf(all.filter((e) => !contained(e))) || widestOf(all);
  let name = "(none found)";
  if (widest) {
    const e = widest.element;
    const classes = typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\\s+/).join(".") : "";
    const text = (e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    name = `<${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${classes}> `
      + `${Math.round(widest.box.width)} px wide, right edge at ${Math.round(widest.box.right)} px`
      + (text ? `: "${text}"` : "");
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, widest: name};
}"""


def overflow(page, label: str) -> str | None:
    """Why `page` does not fit its window, or None when it does."""
    found = page.evaluate(OVERFLOW)
    if found is None:
        return None
    return (
        f"{label}: the page is {found['scrollWidth']} px wide in a {found['clientWidth']} px"
        f" window; widest element sticking out: {found['widest']}"
    )


def open_as(browser, live_server, user, width: int = WIDTHS[-1]):
    """A browser context signed in as `user` (None: a visitor), with a session made on the
    server instead of through the log-in form, so one context serves all of a role's pages."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": HEIGHT}
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    return context
