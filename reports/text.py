"""Narrative text: what HTML a block may hold, and how it turns into Word paragraphs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def clean(text: str) -> str:
    """Sanitise user HTML. Plain text (no tags) becomes paragraphs at blank lines."""
    text = (text or "").strip()
    if text and not re.search(r"<[a-zA-Z/][^>]*>", text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"https", "http", "mailto"}, link_rel="noopener noreferrer")


class _Blocks(HTMLParser):
    """Clean HTML -> [(style, text)] where style is 'p', 'h3', 'h4', 'li-ul', 'li-ol',
    'quote'."""

    def __init__(self):
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.lists: list[str] = []
        self.style = "p"
        self.buffer: list[str] = []

    def _flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append((self.style, text))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append(tag)
        elif tag == "li":
            self._flush()
            self.style = f"li-{self.lists[-1] if self.lists else 'ul'}"
        elif tag in ("p", "h3", "h4", "blockquote"):
            self._flush()
            self.style = {"blockquote": "quote"}.get(tag, tag)
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4", "li", "blockquote"):
            self._flush()
            self.style = "p"
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()

    def handle_data(self, data):
        self.buffer.append(data)


def blocks(clean_html: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(clean(clean_html))
    parser.close()
    parser._flush()
    return parser.blocks
