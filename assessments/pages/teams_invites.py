"""What the log-in and sign-up pages say of the invite a person is on their way to accept."""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from assessments.queries.invites import Invite, invite_in_link, invite_problem


def safe_next(request: HttpRequest) -> str:
    """The `next` address posted or asked for, if it stays on this site; else ""."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def invite_context(next_url: str) -> dict:
    """The invite behind `next_url` (a join link), with what is wrong with it if it no
    longer works; nothing when `next_url` is not a join link."""
    invite: Invite | None = invite_in_link(next_url, timezone.now()) if next_url else None
    if invite is None:
        return {}
    return {"invite": invite, "invite_problem": "" if invite.valid else invite_problem(invite)}
