"""Sessions follow authentication.

- Django gives a new session id at sign-in; this gives one at re-authentication too (ASVS 5.0 V7.2.4), so an id
  seen before the password was confirmed again is worth nothing after it.
- A new password ends every other session (Django's session hash follows the password hash). Adding, removing or
  resetting a second factor does the same here (V7.4.3), and staff can end all of a user's sessions from the admin
  (V7.4.5): both move ``User.session_generation`` on, which changes the hash every session carries.
"""

from django.contrib.auth import get_user_model, update_session_auth_hash
from django.db.models import F

from .security_log import log_event


def new_session_id_on_reauthentication(sender, request, user, method, **kwargs):
    if kwargs.get("reauthenticated") and hasattr(request, "session"):
        request.session.cycle_key()


def end_sessions(user, *, keep_request=None) -> None:
    """End every session of ``user``; the session of ``keep_request`` stays signed in when it is the user's own."""
    get_user_model().objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    if keep_request is not None and getattr(keep_request.user, "pk", None) == user.pk:
        keep_request.user.session_generation = user.session_generation
        update_session_auth_hash(keep_request, keep_request.user)


def end_other_sessions_on_factor_change(sender, request, user, **kwargs):
    end_sessions(user, keep_request=request)
    log_event("other_sessions_ended", request=request, user_id=user.pk, reason="two-factor change")


def connect() -> None:
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals

    account_signals.authentication_step_completed.connect(
        new_session_id_on_reauthentication, dispatch_uid="tribune.accounts.sessions.reauthenticated"
    )
    for signal in (mfa_signals.authenticator_added, mfa_signals.authenticator_removed, mfa_signals.authenticator_reset):
        signal.connect(end_other_sessions_on_factor_change, dispatch_uid="tribune.accounts.sessions.factor_changed")
