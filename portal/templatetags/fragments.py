"""{% fragment "name" part … [seconds=60] %} … {% endfragment %}: a part of a template rendered
once per language, content version and parts, and kept in this process as it is
(portal.cache.local_fragment: no unpickling of what every page shows several times). Parts must
take few values (a section, not an address or a search).

Only for what does not depend on the visitor: no forms (CSRF tokens), no messages, no nonces.
`seconds` bounds the lifetime of what changes with the clock alone (scheduled publishing)."""

import hashlib
from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.cache import local_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, seconds):
        self.nodelist, self.parts, self.seconds = nodelist, parts, seconds

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        if len(name) > 120:
            name = hashlib.sha256(name.encode()).hexdigest()

        def render():
            html = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered template)
            if self.seconds is None:
                return html, None
            seconds = int(self.seconds.resolve(context))
            return html, timezone.now() + timedelta(seconds=seconds)

        return local_fragment(f"template:{name}", render)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    seconds = None
    if bits[-1].startswith("seconds="):
        seconds = parser.compile_filter(bits.pop()[len("seconds=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], seconds)
