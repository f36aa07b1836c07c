"""Session ids follow authentication: Django gives a new id at sign-in; this gives one at re-authentication too
(ASVS 5.0 V7.2.4), so an id seen before the password was confirmed again is worth nothing after it."""


def new_session_id_on_reauthentication(sender, request, user, method, **kwargs):
    if kwargs.get("reauthenticated") and hasattr(request, "session"):
        request.session.cycle_key()


def connect() -> None:
    from allauth.account import signals as account_signals

    account_signals.authentication_step_completed.connect(
        new_session_id_on_reauthentication, dispatch_uid="tribune.accounts.sessions.reauthenticated"
    )
