"""Editors' rich text, sanitised by nh3 (Ammonia) before it is stored or shown."""

import re

import nh3
from django.utils.safestring import SafeData, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "blockquote",
    "abbr",
    "span",
    "bdi",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "span": {"lang", "dir"},
    "bdi": {"dir"},
    "p": {"lang", "dir"},
    "th": {"scope"},
}


def sanitise(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


# What the editor writes starts with one of these; a text that does not is plain text.
_BLOCK_START = re.compile(r"^\s*<(p|h[2-4]|ul|ol|blockquote|table|br)[\s/>]", re.IGNORECASE)


def is_html(text):
    return bool(_BLOCK_START.match(text or ""))


def as_html(text):
    """Plain text (paragraphs separated by an empty line) as HTML paragraphs; HTML unchanged.

    Texts written before the editor came, and residents' suggestions, are plain text: they keep
    their paragraphs and line breaks, and a "<" in them stays a character.
    """
    from django.utils.html import linebreaks

    text = (text or "").strip()
    if not text or is_html(text):
        return text
    return linebreaks(text.replace("\r\n", "\n"), autoescape=True)


# Whitespace around block elements means nothing; the editor drops it, plain text brings it.
_AROUND_BLOCKS = re.compile(
    r"\s*(</?(?:p|ul|ol|li|h[2-4]|blockquote|table|thead|tbody|tr|th|td|caption)\b[^>]*>)\s*",
    re.IGNORECASE,
)


def rich_text(text):
    """An editor's text ready to store or show: HTML paragraphs, sanitised, in one canonical
    form (the same text from the editor or from plain text compares equal)."""
    text = as_html(text)
    return _AROUND_BLOCKS.sub(r"\1", sanitise(text)) if text else ""


def plain_text(html):
    """The words of a rich text without markup, for search engines and calendar entries."""
    from html import unescape

    from django.utils.html import strip_tags

    return " ".join(unescape(strip_tags(html or "")).split())


def clean_rich_text_fields(obj, field_names):
    """Sanitise every language version of the named fields of `obj` before it is saved."""
    from modeltranslation.utils import get_translation_fields

    for name in field_names:
        # Only the language columns: the bare name reads the active language *with* the German
        # fallback, and writing that back would copy German into an empty translation.
        for field in get_translation_fields(name):
            value = getattr(obj, field, None)
            if value:
                setattr(obj, field, rich_text(value))


def plain_paragraphs(html):
    """Rich text back to plain text with an empty line between paragraphs (undoing `as_html`)."""
    from html import unescape

    from django.utils.html import strip_tags

    text = re.sub(r"<br\s*/?>", "\n", html or "", flags=re.IGNORECASE)
    text = re.sub(r"</(p|h[2-4]|li|blockquote)>", "\n\n", text, flags=re.IGNORECASE)
    paragraphs = [unescape(strip_tags(part)).strip() for part in text.split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)


# Elements whose white space is shown or read as written.
_AS_WRITTEN = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_LINE_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(html):
    """Every run of white space holding a line break as one line break, except inside pre,
    textarea, script and style. A browser shows such a run as one space either way, so the page
    looks the same with fewer bytes: template indentation is a fifth of a long list."""
    parts, done = [], 0
    for kept in _AS_WRITTEN.finditer(html):
        parts.append(_LINE_BREAK_RUN.sub("\n", html[done : kept.start()]))
        parts.append(kept.group(0))
        done = kept.end()
    parts.append(_LINE_BREAK_RUN.sub("\n", html[done:]))
    collapsed = "".join(parts)
    # Rendered (safe) HTML stays safe: a template must not escape it a second time.
    return mark_safe(collapsed) if isinstance(html, SafeData) else collapsed  # noqa: S308
