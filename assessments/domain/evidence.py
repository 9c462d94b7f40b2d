"""Evidence notes shown back: the person's own words, with their web addresses as links.

A note is anyone's free text, read by its author and their managers. Only an address that
starts with http:// or https:// and names a host becomes a link, marked as the author's
and not vouched for (``LINK_REL``); anything else, a ``javascript:`` or ``data:`` address
included, stays text. Every character is escaped, so a note can never add markup.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LINK_REL = "nofollow noopener noreferrer ugc"
LINK_SCHEMES = frozenset({"http", "https"})

# An address runs up to whitespace, a quote, an angle bracket, a backtick or a control
# character; the trailing punctuation of the sentence around it is then given back.
_CANDIDATE = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
_SENTENCE_END = ".,;:!?"
_CLOSERS = {")": "(", "]": "["}


@dataclass(frozen=True)
class Piece:
    """A run of a note: plain text, or a link whose text is its address."""

    text: str
    url: str | None = None


def _trim(candidate: str) -> str:
    """The address without the punctuation that ends the sentence around it: a final full
    stop or comma, and a closing bracket that has no opening one inside the address."""
    while candidate:
        last = candidate[-1]
        unopened = last in _CLOSERS and candidate.count(_CLOSERS[last]) < candidate.count(last)
        if last in _SENTENCE_END or unopened:
            candidate = candidate[:-1]
        else:
            break
    return candidate


def safe_url(candidate: str) -> str | None:
    """`candidate` if it may be a link's target (http or https, with a host), else None."""
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
    except ValueError:  # a malformed address, such as an unclosed "[" in the host
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host:
        return None
    return candidate


def pieces(note: str) -> list[Piece]:
    """The note as runs of text and links, in order; joined, their texts are the note."""
    found: list[Piece] = []
    start = 0
    for match in _CANDIDATE.finditer(note):
        address = _trim(match.group())
        url = safe_url(address)
        if url is None:
            continue
        if match.start() > start:
            found.append(Piece(note[start : match.start()]))
        found.append(Piece(address, url))
        start = match.start() + len(address)
    if start < len(note):
        found.append(Piece(note[start:]))
    return found


def to_html(note: str) -> str:
    """The note as HTML: escaped text, and its safe addresses as links opened without the
    page's referrer, its window or any endorsement."""
    parts = []
    for piece in pieces(note):
        text = html.escape(piece.text, quote=True)
        if piece.url is None:
            parts.append(text)
        else:
            href = html.escape(piece.url, quote=True)
            parts.append(f'<a href="{href}" rel="{LINK_REL}">{text}</a>')
    return "".join(parts)
