from django.conf import settings


def branding(request):
    """The outlet's name, so an operator can rename the site without editing templates."""
    return {"SITE_NAME": settings.SITE_NAME}
