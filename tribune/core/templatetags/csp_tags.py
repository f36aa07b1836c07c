"""``{% csp_nonce %}``: the nonce an inline script needs under the Content-Security-Policy (core.security_headers).

It works where the request is not in the context too (form widgets), and makes the response private: a page that
uses it is never stored by the page cache or an edge."""

from django import template

from tribune.core.security_headers import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()
