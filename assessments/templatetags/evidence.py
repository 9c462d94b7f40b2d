"""``{{ rating.evidence|evidence_note }}``: an evidence note as safe HTML, its http and
https addresses as links (domain.evidence)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from assessments.domain.evidence import to_html

register = template.Library()


@register.filter
def evidence_note(note: str) -> SafeString:
    return mark_safe(to_html(note or ""))  # noqa: S308 - to_html escapes every character
