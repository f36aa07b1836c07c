"""Every way to sign in is allauth's, with its rate limits and the staff second factor (issue 17, findings 1-2).

Wagtail's front-end login for private pages (``/_util/login/``) and its admin login are redirects to allauth's form;
a walk over the whole URL configuration finds any other view that signs a user in and fails unless it is shadowed.
"""

import inspect
import re
import types
import uuid

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from django.contrib import auth
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tribune.accounts.models import SecuritySettings

PASSWORD = "correct-horse-battery"  # UserFactory's
TOO_MANY = "Too many failed login attempts"

# Views outside allauth that may sign someone in, and why that is no way around allauth's checks.
SIGN_IN_ALLOWED = {
    # Creates a new contributor account from a one-time link mailed to its address (an address already on an
    # account is refused), then signs that new account in; it has no second factor yet, and the admin asks it to
    # set one up when the site requires it (RequireStaffTwoFactorMiddleware).
    "tribune.editorial.public_views.invitation_accept",
}
# Paths that lead to allauth's sign-in form; each used to be a form of its own that took a password.
LOGIN_PATHS = {
    "allauth": "/accounts/login/",
    "wagtail front-end": "/_util/login/",
    "wagtail admin": "/admin/login/",
}


# Walking the URL configuration


def sample_path(pattern) -> str:
    """A path the pattern matches: converters filled with plausible values."""
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        samples = {"int": "1", "uuid": str(uuid.uuid4()), "path": "x/y"}
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: samples.get(m.group(1), "x"), str(pattern))
    regex = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    if re.search(r"[()\[\]*+?\\{}|.]", regex):
        raise ValueError(f"add a sample for the regex {regex!r}")
    return regex


def url_patterns(resolver=None, prefix="/"):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, prefix + sample_path(entry.pattern))
        else:
            yield prefix, entry


def code_objects(function):
    code = getattr(inspect.unwrap(function), "__code__", None)
    stack = [code] if code else []
    while stack:
        code = stack.pop()
        yield code
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))


def calls_sign_in(function) -> bool:
    """Does the function (or a function nested in it) name django.contrib.auth's login or authenticate?"""
    unwrapped = inspect.unwrap(function)
    module_globals = getattr(unwrapped, "__globals__", {})
    for code in code_objects(unwrapped):
        for name in code.co_names:
            if module_globals.get(name) in (auth.login, auth.authenticate):
                return True
    return False


def view_target(callback):
    """The view's class (a class-based view, or the class of a callable instance such as a feed), or its function."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return view_class
    unwrapped = inspect.unwrap(callback)
    return unwrapped if inspect.isfunction(unwrapped) or inspect.ismethod(unwrapped) else type(unwrapped)


def signs_users_in(callback) -> bool:
    target = view_target(callback)
    if target.__module__.startswith("django.contrib.admin"):
        return True  # Django's admin site has a login form of its own
    if not isinstance(target, type):
        return calls_sign_in(target)
    if issubclass(target, LoginView):
        return True
    for klass in target.__mro__:
        for value in vars(klass).values():
            if isinstance(value, type) and issubclass(value, AuthenticationForm):
                return True
            if inspect.isfunction(value) and calls_sign_in(value):
                return True
    return False


def view_name(callback) -> str:
    target = view_target(callback)
    return f"{target.__module__}.{target.__qualname__}"


def test_the_walk_recognises_django_and_wagtails_login_views():
    found = {view_name(entry.callback) for _, entry in url_patterns() if signs_users_in(entry.callback)}

    assert "wagtail.admin.views.account.LoginView" in found  # the admin's own form, still in Wagtail's URLs
    assert "django.contrib.auth.views.LoginView" in found  # /_util/login/, still in Wagtail's URLs
    assert "tribune.editorial.public_views.invitation_accept" in found


def test_no_view_outside_allauth_that_signs_users_in_is_reachable(db):
    reachable = []
    for prefix, entry in url_patterns():
        callback = entry.callback
        if view_name(callback).startswith("allauth.") or view_name(callback) in SIGN_IN_ALLOWED:
            continue
        if not signs_users_in(callback):
            continue
        path = prefix + sample_path(entry.pattern)
        if resolve(path).func is callback:
            reachable.append(f"{path} → {view_name(callback)}")

    assert reachable == []


def test_django_admins_own_site_is_not_routed():
    admin_views = [
        prefix for prefix, entry in url_patterns() if view_name(entry.callback).startswith("django.contrib.admin")
    ]

    assert admin_views == []


# Sign-in paths


@pytest.fixture
def guarded_editor(home, editor):
    """A staff member with an authenticator app, on a site that requires two-factor authentication for staff."""
    editor.email = "desk@example.org"
    editor.save()
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    TOTP.activate(editor, generate_totp_secret())
    security = SecuritySettings.for_site(home.get_site())
    security.require_staff_two_factor = True
    security.save()
    return editor


def credentials(user, password):
    """What any of the login forms asks for: allauth's "login", Django's and Wagtail's "username"."""
    return {"login": user.username, "username": user.username, "password": password, "next": "/admin/"}


def assert_admin_is_closed(client):
    assert "_auth_user_id" not in client.session
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", LOGIN_PATHS.values(), ids=LOGIN_PATHS.keys())
def test_a_password_alone_never_opens_the_admin_for_staff_with_two_factor(client, guarded_editor, path):
    response = client.post(f"{path}?next=/admin/", credentials(guarded_editor, PASSWORD), follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] in {"/accounts/login/", "/accounts/2fa/authenticate/"}
    assert_admin_is_closed(client)


def test_wagtails_front_end_login_leads_to_allauths_with_the_return_address(client, db):
    response = client.get("/_util/login/?next=/politics/a-piece/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/politics/a-piece/"


def test_after_the_password_the_session_waits_for_the_code_before_the_admin_opens(client, guarded_editor):
    response = client.post("/accounts/login/?next=/admin/", credentials(guarded_editor, PASSWORD))

    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert_admin_is_closed(client)
    # The code page is all that session reaches; Wagtail's admin pages send it back to the sign-in form.
    assert client.get("/admin/pages/").status_code == 302


def test_confirming_an_address_at_sign_in_still_asks_staff_for_the_code(client, guarded_editor, mailoutbox):
    EmailAddress.objects.filter(user=guarded_editor).update(verified=False)

    response = client.post("/accounts/login/?next=/admin/", credentials(guarded_editor, PASSWORD))
    assert response["Location"] == "/accounts/confirm-email/"
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=guarded_editor)).key
    confirmed = client.post(f"/accounts/confirm-email/{key}/")

    assert confirmed.status_code == 302 and confirmed["Location"].startswith("/accounts/2fa/authenticate/")
    assert_admin_is_closed(client)


@pytest.mark.parametrize("path", LOGIN_PATHS.values(), ids=LOGIN_PATHS.keys())
def test_twenty_wrong_passwords_then_the_right_one_are_refused_at_every_sign_in_path(client, home, path):
    user = UserFactory(username="desk", email="desk@example.org", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    for _ in range(20):
        client.post(path, credentials(user, "not-the-password"))
    right = client.post(path, credentials(user, PASSWORD))

    assert "_auth_user_id" not in client.session
    if path == LOGIN_PATHS["allauth"]:
        assert right.status_code == 429 or (right.status_code == 200 and TOO_MANY in right.content.decode())
    else:  # never a form of its own: allauth's form is shown, and the password was not even looked at
        assert right.status_code == 302 and right["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302


# Private pages


def test_a_private_page_sends_the_reader_to_allauths_sign_in_and_back(client, article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    reader = UserFactory(username="private-reader")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)

    asked = client.get(article.url)
    assert asked.status_code == 302
    assert asked["Location"] == f"/accounts/login/?next={article.url}"

    signed_in = client.post(asked["Location"], {"login": reader.email, "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == article.url
    assert client.get(article.url).status_code == 200


def test_guessing_a_private_pages_password_is_rate_limited(client, article):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="harbour-lights"
    )
    form = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"

    wrong = [client.post(form, {"password": f"guess-{n}", "return_url": article.url}) for n in range(10)]
    right = client.post(form, {"password": "harbour-lights", "return_url": article.url})

    assert {response.status_code for response in wrong} == {200}  # the form again, with its error
    assert right.status_code == 429
    still_private = client.get(article.url).content.decode()
    assert 'name="password"' in still_private and article.standfirst not in still_private
