"""Editors' rich text: only simple formatting survives, so nothing they paste can run script."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(value):
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
