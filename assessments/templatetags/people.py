"""``{{ user|person_name }}``: a person as others see them named (domain.names)."""

from django import template

from assessments.domain.names import name_of

register = template.Library()


@register.filter
def person_name(user) -> str:
    return name_of(user)
