"""When something happened, in words."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


def last_saved_at(moment: datetime, now: datetime) -> str:
    """Under a minute "saved just now" (not "0 minutes ago"), else "last saved 5 minutes ago"."""
    if now - moment < timedelta(minutes=1):
        return "saved just now"
    return f"last saved {timesince(moment, now)} ago"


@register.filter
def last_saved(moment: datetime) -> str:
    return last_saved_at(moment, timezone.now())
