"""Django's and allauth's messages that readers see on our sign-in and sign-up pages but that those packages' own
catalogues leave in English for some of our languages (Hindi among them).

They are listed here, never used, so that ``makemessages`` keeps them in our catalogues: a message in
``LOCALE_PATHS`` takes precedence over the same message in a package's catalogue. The wording must stay exactly the
packages' (tests/test_translations.py finds any that still shows in English).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# django.contrib.auth.password_validation: the help text under the sign-up form's password field.
PASSWORD_RULES = [
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]

# allauth.account.forms and allauth.account.fields: the sign-in form.
SIGN_IN = [
    gettext_noop("Username or email"),
    gettext_noop("Forgot your password?"),
]
