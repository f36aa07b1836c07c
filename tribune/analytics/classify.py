"""What a beacon's headers say, reduced to what is counted: whether to count at all, the device class and the
referring site's domain. Nothing about the reader is kept beyond these words."""

import functools
import re
from urllib.parse import urlsplit

# Crawlers, link previewers, monitors and HTTP libraries: none of them is a reader. The patterns match the lowercased
# user agent (case-insensitive matching made them ten times slower: every beacon runs them).
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrape|preview|monitor|lighthouse|headless|phantom|python-|curl/|wget|httpclient|"
    r"java/|go-http|okhttp|axios|node-fetch|facebookexternalhit|embedly|whatsapp|feed"
)
TABLET_PATTERN = re.compile(r"ipad|tablet|kindle|silk|playbook|android(?!.*mobile)")
PHONE_PATTERN = re.compile(r"mobi|iphone|ipod|android.*mobile|windows phone|opera mini")
PHONE, TABLET, DESKTOP = "phone", "tablet", "desktop"
DEVICES = (PHONE, TABLET, DESKTOP)
# Readers' browsers repeat: each process remembers the last few thousand it classified, by their first 512
# characters (the part any pattern looks at; a long forged one costs at most 2 MB of memory in all).
AGENTS_REMEMBERED = 4096
AGENT_PREFIX = 512


@functools.lru_cache(maxsize=AGENTS_REMEMBERED)
def _agent(user_agent: str) -> tuple[bool, str]:
    """(robot?, device class) of a user agent."""
    agent = user_agent.lower()
    if not agent.strip() or BOT_PATTERN.search(agent):
        return True, DESKTOP
    if TABLET_PATTERN.search(agent):
        return False, TABLET
    if PHONE_PATTERN.search(agent):
        return False, PHONE
    return False, DESKTOP


def is_bot(user_agent: str) -> bool:
    """No user agent at all, or one naming a robot."""
    return _agent(user_agent[:AGENT_PREFIX])[0]


def opted_out(headers) -> bool:
    """The reader asked not to be tracked (Do Not Track) or for their privacy (Global Privacy Control)."""
    return headers.get("DNT", "").strip() == "1" or headers.get("Sec-GPC", "").strip() == "1"


def device_class(user_agent: str) -> str:
    return _agent(user_agent[:AGENT_PREFIX])[1]


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
