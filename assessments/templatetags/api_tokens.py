"""The account page's list of API tokens, whichever view renders the page."""

from django import template
from django.utils import timezone

from assessments import tokens

register = template.Library()


@register.simple_tag(takes_context=True)
def api_tokens(context) -> list[dict]:
    """The signed-in person's tokens, newest first, each with its status (one query)."""
    now = timezone.now()
    return [
        {"token": token, "status": tokens.status_of(token, now)}
        for token in tokens.tokens_for(context["request"].user)
    ]
