"""``{% search_fragment part... %}…{% endsearch_fragment %}``: the enclosed template rendered once and kept in the
bounded search slots (``search.cache``), not as an open-ended fragment, since its parts come from a reader's query."""

from django import template
from django.utils.safestring import mark_safe

from ..cache import remembered

register = template.Library()


class SearchFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return mark_safe(  # noqa: S308 - the stored value is this template's own rendered output
            remembered("cards", parts, lambda: str(self.nodelist.render(context)))
        )


@register.tag
def search_fragment(parser, token):
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endsearch_fragment",))
    parser.delete_first_token()
    return SearchFragmentNode(nodelist, parts)
