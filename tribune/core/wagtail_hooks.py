"""The admin's banner while the site is in read-only maintenance (core.maintenance)."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks

from .maintenance import is_read_only


@hooks.register("insert_global_admin_js")
def read_only_banner():
    # Wagtail's only hook whose output lands in the body of every admin page; the banner is markup, not a script.
    if not is_read_only():
        return ""
    return format_html(
        '<div class="tribune-read-only-banner" role="alert" style="position:relative;z-index:1000;padding:0.75rem '
        '1rem;background:#8a4b00;color:#fff;font-weight:600;text-align:center">{}</div>',
        _("Tribune is in read-only mode for maintenance: nothing can be saved, published or deleted until it ends."),
    )
