"""The admin draws the editions' scripts too (``fonts.admin_stylesheet``)."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from .fonts import ADMIN_FONTS_CSS


@hooks.register("insert_global_admin_css")
def edition_fonts_css():
    return format_html('<link rel="stylesheet" href="{}">', static(ADMIN_FONTS_CSS))
