"""Answers for requests refused before their view runs."""

from django.shortcuts import render


def rate_limited(request, exception=None):
    """Too many requests of one kind in a short time (django-ratelimit sends them here)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
