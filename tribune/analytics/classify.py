"""What a beacon's headers say, reduced to what is counted: whether to count at all, the device class and the
referring site's domain. Nothing about the reader is kept beyond these words."""

import re
from urllib.parse import urlsplit

# Crawlers, link previewers, monitors and HTTP libraries: none of them is a reader.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrape|preview|monitor|lighthouse|headless|phantom|python-|curl/|wget|httpclient|"
    r"java/|go-http|okhttp|axios|node-fetch|facebookexternalhit|embedly|whatsapp|feed",
    re.IGNORECASE,
)
TABLET_PATTERN = re.compile(r"ipad|tablet|kindle|silk|playbook|android(?!.*mobile)", re.IGNORECASE)
PHONE_PATTERN = re.compile(r"mobi|iphone|ipod|android.*mobile|windows phone|opera mini", re.IGNORECASE)
PHONE, TABLET, DESKTOP = "phone", "tablet", "desktop"
DEVICES = (PHONE, TABLET, DESKTOP)


def is_bot(user_agent: str) -> bool:
    """No user agent at all, or one naming a robot."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def opted_out(headers) -> bool:
    """The reader asked not to be tracked (Do Not Track) or for their privacy (Global Privacy Control)."""
    return headers.get("DNT", "").strip() == "1" or headers.get("Sec-GPC", "").strip() == "1"


def device_class(user_agent: str) -> str:
    if TABLET_PATTERN.search(user_agent):
        return TABLET
    if PHONE_PATTERN.search(user_agent):
        return PHONE
    return DESKTOP


def referrer_domain(referrer: str, own_host: str) -> str:
    """The referring site's host without ``www.``; empty for none, our own site, or anything not a web address."""
    try:
        parts = urlsplit(referrer.strip()[:1000])
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().removeprefix("www.")
    if host == own_host.lower().split(":")[0].removeprefix("www."):
        return ""
    return host[:255]
