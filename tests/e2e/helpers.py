"""What several browser tests do the same way: sign in as the draft's owner, read a draft."""

import re

from playwright.sync_api import expect

PASSWORD = "correct horse battery staple"


def sign_in(page, next_url, username="ada"):
    """Log in through the form and land on `next_url`."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def levels(draft) -> dict[str, int]:
    """The draft's saved levels, by competency slug."""
    return dict(draft.ratings.values_list("competency__slug", "level"))
