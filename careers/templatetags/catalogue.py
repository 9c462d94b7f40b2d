"""Template helpers for catalogue figures: money, levels, layer styling and where facts
come from."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from careers.choices import CURRENCY_SYMBOL, Level, Weight
from careers.domain import provenance

register = template.Library()


@register.filter
def money(amount: int | None, currency: str) -> str:
    """`45000|money:"GBP"` → "£45,000"."""
    if amount is None:
        return ""
    return f"{CURRENCY_SYMBOL.get(currency, '')}{intcomma(amount)}"


@register.simple_tag
def salary_range(band) -> str:
    """A band as the source writes it: "$90,000 – $120,000+"."""
    high = money(band.high, band.currency) + ("+" if band.high_is_open else "")
    return f"{money(band.low, band.currency)} – {high}"


@register.simple_tag
def salary_line(band) -> str:
    """A band with the currency and year it is in: "$90,000 – $120,000+ a year (USD, 2025)"."""
    return f"{salary_range(band)} a year ({band.currency}, {band.year})"


@register.filter
def weight_name(weight: int | str | None) -> str:
    """`3|weight_name` → "Essential": how much a requirement matters."""
    if weight is None:
        return ""
    try:
        return Weight(int(weight)).label
    except (TypeError, ValueError):
        return ""


@register.filter
def level_name(level: int | str | None) -> str:
    if level is None:
        return ""
    try:
        return Level(int(level)).label
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("includes/pips.html")
def pips(level: int, of: int = 5, label: str = ""):
    """Five boxes filled up to `level`, hidden from screen readers (the number is text)."""
    level = int(level or 0)
    return {"filled": range(level), "empty": range(max(of - level, 0)), "label": label}


@register.filter
def basis_of(entries) -> str:
    """`role.requirements.all|basis_of` → "source", "editorial", "mixed" or "": where the
    facts of a list come from, to say once for the list (careers.domain.provenance)."""
    return provenance.basis_of(entry.basis for entry in entries)
