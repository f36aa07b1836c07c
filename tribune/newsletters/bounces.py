"""Bounce and complaint notices from mail providers, read into the addresses to suspend.

One webhook takes the notices of several providers, recognised by their shape (each provider's documented event
format): Postmark (``RecordType`` Bounce with a hard ``Type``, or SpamComplaint), Mailgun (``event-data`` failed with
``severity`` permanent, or complained), SendGrid (a list of events: bounce, dropped, spamreport) and Tribune's own
``{"email": …, "type": "bounce" | "complaint"}``. Soft bounces (a full mailbox, a server down) suspend nothing.
"""

POSTMARK_HARD = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "SpamNotification"}
SENDGRID_EVENTS = {"bounce", "dropped", "spamreport"}


def addresses_to_suspend(payload) -> list[str]:
    events = payload if isinstance(payload, list) else [payload]
    return [address for event in events if isinstance(event, dict) for address in _event_addresses(event)]


def _event_addresses(event: dict) -> list[str]:
    if "RecordType" in event:  # Postmark
        hard = event.get("RecordType") == "SpamComplaint" or (
            event.get("RecordType") == "Bounce" and event.get("Type") in POSTMARK_HARD
        )
        return [event.get("Email")] if hard and isinstance(event.get("Email"), str) else []
    if isinstance(event.get("event-data"), dict):  # Mailgun
        data = event["event-data"]
        hard = data.get("event") == "complained" or (
            data.get("event") == "failed" and data.get("severity") == "permanent"
        )
        return [data.get("recipient")] if hard and isinstance(data.get("recipient"), str) else []
    if "event" in event:  # SendGrid
        hard = event.get("event") in SENDGRID_EVENTS and event.get("type") != "blocked"
        return [event.get("email")] if hard and isinstance(event.get("email"), str) else []
    if event.get("type") in {"bounce", "complaint"} and isinstance(event.get("email"), str):  # Tribune's own
        return [event["email"]]
    return []
