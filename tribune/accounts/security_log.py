"""Security events as structured log records, without secrets.

One logger, ``tribune.security``, at INFO whatever ``LOG_LEVEL`` says. Each record's message is the event name
followed by ``key=value`` fields; the same fields ride on the record (``extra``), so ``JsonFormatter``
(``LOG_FORMAT=json``) writes one JSON object a line for a log shipper.

What a record never holds: passwords (typed or hashed), two-factor codes and secrets, recovery codes, reset and
confirmation keys, session keys, or a full email address. A sign-in identifier is masked (``a***@example.org``,
``e***`` for a username) and paired with a keyed hash (``login_hash``, HMAC of the lower-cased identifier under
``SECRET_KEY``) so repeated attempts on one account can be counted without writing it down. A request is named by
its URL pattern, never by its path (which may carry a reset key). The client address is the one allauth's rate
limits use: ``REMOTE_ADDR``, unless ``ALLAUTH_TRUSTED_PROXY_COUNT`` or ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER`` says
which proxies to believe.

Receivers are connected by ``AccountsConfig.ready()`` (``connect()``); this module imports no model at load time,
because ``LOGGING`` names its formatter before the apps are ready.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from django.utils.crypto import salted_hmac

logger = logging.getLogger("tribune.security")

# What a LogRecord carries by itself; everything else on a record came in ``extra``.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}

USER_PRIVILEGE_FIELDS = ("is_active", "is_staff", "is_superuser")


class JsonFormatter(logging.Formatter):
    """Any record as one line of JSON: time, level, logger, message and the fields passed in ``extra``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in record.__dict__.items() if key not in _RECORD_ATTRIBUTES})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_event(event: str, *, request=None, **fields) -> None:
    """Log one security event; ``request`` adds the client address. Fields must hold no secret (see above)."""
    if request is not None:
        fields.setdefault("client_ip", client_ip(request))
    text = " ".join([event, *(f"{key}={value}" for key, value in fields.items())])
    logger.info("%s", text, extra={"event": event, **fields})


def client_ip(request) -> str | None:
    """The client's address as allauth's rate limits see it (trusted proxies only)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - no address (a test request, a misconfigured proxy count) is no reason to fail
        return None


def mask_email(address: str) -> str:
    local, at, domain = (address or "").partition("@")
    return f"{local[:1]}***@{domain}" if at else mask_login(address)


def mask_login(identifier: str) -> str:
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return mask_email(identifier)
    return f"{identifier[:1]}***" if identifier else ""


def login_hash(identifier: str) -> str:
    return salted_hmac("tribune.security.login", (identifier or "").strip().lower()).hexdigest()[:16]


def _identifier(credentials: dict) -> str:
    for key in ("email", "username", "login", "phone"):
        if credentials.get(key):
            return str(credentials[key])
    return ""


# Sign-in and sign-out ---------------------------------------------------------------------------------------------


def on_user_logged_in(sender, request, user, **kwargs):
    from allauth.account.authentication import get_authentication_records

    methods = []
    for record in get_authentication_records(request, user) if hasattr(request, "session") else []:
        if record.get("method") and record["method"] not in methods:
            methods.append(record["method"])
    # "other": a sign-in allauth records no step for (the email confirmation link; force_login)
    log_event("sign_in", request=request, user_id=user.pk, method="+".join(methods) or "other", staff=user.is_staff)


def on_user_logged_out(sender, request, user, **kwargs):
    log_event("sign_out", request=request, user_id=getattr(user, "pk", None))


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    """Django's signal for every backend that refused: ``credentials`` is already cleansed, and only the
    identifier is read from it, masked."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:  # a wrong password when confirming a sensitive change
        log_event("reauthentication_failed", request=request, user_id=user.pk, method="password")
        return
    identifier = _identifier(credentials)
    log_event("sign_in_failed", request=request, login=mask_login(identifier), login_hash=login_hash(identifier))


def sign_in_locked(request, credentials: dict) -> None:
    """allauth's failed sign-in limit holds (``login_failed``): the attempt was refused unchecked."""
    identifier = _identifier(credentials)
    log_event("sign_in_locked", request=request, login=mask_login(identifier), login_hash=login_hash(identifier))


def rate_limited(request) -> None:
    """A 429 answer: a rate limit (allauth's or Tribune's) refused the request."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    log_event(
        "rate_limited",
        request=request,
        view=match.view_name if match else None,
        http_method=request.method,
        user_id=user.pk if user is not None and user.is_authenticated else None,
    )


def on_authentication_step_completed(sender, request, user, method, **kwargs):
    if kwargs.get("reauthenticated"):
        log_event("reauthenticated", request=request, user_id=user.pk, method=method)


# Passwords and email addresses ------------------------------------------------------------------------------------


def _password_receiver(event):
    def receiver(sender, request, user, **kwargs):
        log_event(event, request=request, user_id=user.pk)

    receiver.__name__ = f"on_{event}"
    return receiver


def on_email_added(sender, request, user, email_address, **kwargs):
    log_event("email_added", request=request, user_id=user.pk, email=mask_email(email_address.email))


def on_email_removed(sender, request, user, email_address, **kwargs):
    log_event("email_removed", request=request, user_id=user.pk, email=mask_email(email_address.email))


def on_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    log_event(
        "email_primary_changed",
        request=request,
        user_id=user.pk,
        from_email=mask_email(from_email_address.email) if from_email_address else None,
        to_email=mask_email(to_email_address.email),
    )


def on_email_confirmed(sender, request, email_address, **kwargs):
    log_event("email_confirmed", request=request, user_id=email_address.user_id, email=mask_email(email_address.email))


# Two-factor authentication: the authenticator's type, never its data (the TOTP secret, the codes) -----------------


def _authenticator_receiver(event):
    def receiver(sender, request, user, authenticator, **kwargs):
        log_event(event, request=request, user_id=user.pk, type=authenticator.type)

    receiver.__name__ = f"on_{event}"
    return receiver


def on_mfa_authentication_failed(sender, request, user, authenticator, **kwargs):
    log_event(
        "mfa_failed",
        request=request,
        user_id=user.pk,
        type=authenticator.type,
        reauthentication=bool(kwargs.get("reauthentication")),
    )


# Roles: Wagtail's groups and the user's own flags (who made an admin change is in Wagtail's history) -------------


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from django.contrib.auth.models import Group

    if action == "pre_clear":  # what a clear() removes is known only before it runs
        instance._security_cleared = (
            list(instance.user_set.values_list("pk", flat=True))
            if reverse
            else list(instance.groups.values_list("name", flat=True))
        )
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    key = "groups_added" if action == "post_add" else "groups_removed"
    if reverse:  # group.user_set.add(...): one record per user
        user_ids = getattr(instance, "_security_cleared", []) if action == "post_clear" else sorted(pk_set or ())
        for user_id in user_ids:
            log_event("role_changed", user_id=user_id, **{key: [instance.name]})
    else:
        if action == "post_clear":
            names = getattr(instance, "_security_cleared", [])
        else:
            names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        if names:
            log_event("role_changed", user_id=instance.pk, **{key: names})


def on_group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if reverse:  # permission.group_set: not a path any screen takes
        return
    if action == "pre_clear":
        instance._security_cleared = sorted(instance.permissions.values_list("codename", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    key = "permissions_added" if action == "post_add" else "permissions_removed"
    if action == "post_clear":
        codenames = getattr(instance, "_security_cleared", [])
    else:
        codenames = sorted(model.objects.filter(pk__in=pk_set or ()).values_list("codename", flat=True))
    if codenames:
        log_event("group_permissions_changed", group=instance.name, **{key: codenames})


def on_user_pre_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and not set(update_fields) & set(USER_PRIVILEGE_FIELDS)):
        instance._security_privileges = None
        return
    instance._security_privileges = sender.objects.filter(pk=instance.pk).values(*USER_PRIVILEGE_FIELDS).first()


def on_user_post_save(sender, instance, created, **kwargs):
    before = getattr(instance, "_security_privileges", None)
    if created:
        if instance.is_staff or instance.is_superuser:
            log_event(
                "privileges_changed",
                user_id=instance.pk,
                new_account=True,
                is_staff=instance.is_staff,
                is_superuser=instance.is_superuser,
            )
        return
    if not before:
        return
    changes = {
        field: getattr(instance, field) for field in USER_PRIVILEGE_FIELDS if before[field] != getattr(instance, field)
    }
    if changes:
        log_event("privileges_changed", user_id=instance.pk, **changes)


def on_user_deleted(sender, instance, **kwargs):
    log_event("account_deleted", user_id=instance.pk, staff=instance.is_staff)


def connect() -> None:
    """Connect every receiver (AccountsConfig.ready)."""
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals

    from django.contrib.auth import get_user_model
    from django.contrib.auth import signals as auth_signals
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

    user_model = get_user_model()
    uid = "tribune.security"
    auth_signals.user_logged_in.connect(on_user_logged_in, dispatch_uid=f"{uid}.logged_in")
    auth_signals.user_logged_out.connect(on_user_logged_out, dispatch_uid=f"{uid}.logged_out")
    auth_signals.user_login_failed.connect(on_user_login_failed, dispatch_uid=f"{uid}.login_failed")
    account_signals.authentication_step_completed.connect(on_authentication_step_completed, dispatch_uid=f"{uid}.step")
    # Signals whose receiver is made for its event name (it logs that name).
    for signal, event, make_receiver in [
        (account_signals.password_changed, "password_changed", _password_receiver),
        (account_signals.password_set, "password_set", _password_receiver),
        (account_signals.password_reset, "password_reset", _password_receiver),
        (mfa_signals.authenticator_added, "mfa_added", _authenticator_receiver),
        (mfa_signals.authenticator_removed, "mfa_removed", _authenticator_receiver),
        (mfa_signals.authenticator_reset, "mfa_reset", _authenticator_receiver),
    ]:
        signal.connect(make_receiver(event), dispatch_uid=f"{uid}.{event}", weak=False)
    account_signals.email_added.connect(on_email_added, dispatch_uid=f"{uid}.email_added")
    account_signals.email_removed.connect(on_email_removed, dispatch_uid=f"{uid}.email_removed")
    account_signals.email_changed.connect(on_email_changed, dispatch_uid=f"{uid}.email_changed")
    account_signals.email_confirmed.connect(on_email_confirmed, dispatch_uid=f"{uid}.email_confirmed")
    mfa_signals.authentication_failed.connect(on_mfa_authentication_failed, dispatch_uid=f"{uid}.mfa_failed")
    m2m_changed.connect(on_groups_changed, sender=user_model.groups.through, dispatch_uid=f"{uid}.groups")
    m2m_changed.connect(
        on_group_permissions_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_permissions"
    )
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid=f"{uid}.user_pre_save")
    post_save.connect(on_user_post_save, sender=user_model, dispatch_uid=f"{uid}.user_post_save")
    post_delete.connect(on_user_deleted, sender=user_model, dispatch_uid=f"{uid}.user_deleted")
