"""``{% fragment name part... scopes=list %}…{% endfragment %}``: the enclosed template, rendered once per
generation of its scopes (see ``tribune.core.fragments``). Previews always render afresh and store nothing."""

from django import template
from django.utils.safestring import mark_safe

from tribune.core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, scopes):
        self.nodelist, self.name, self.parts, self.scopes = nodelist, name, parts, scopes

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        scopes = self.scopes.resolve(context) if self.scopes else [fragments.CONTENT]
        return mark_safe(  # noqa: S308 - the stored value is this template's own rendered output
            fragments.cached(f"template:{name}", parts, scopes, lambda: str(self.nodelist.render(context)))
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    scopes = None
    if bits[-1].startswith("scopes="):
        scopes = parser.compile_filter(bits.pop()[len("scopes=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[0]), [parser.compile_filter(b) for b in bits[1:]], scopes)
