"""A post's address as a key that survives the ways a platform writes it.

LinkedIn writes one post as ``/posts/<name>_<words>-activity-<id>-<x>``, ``/feed/update/urn:li:activity:
<id>`` or ``…share:<id>`` / ``…ugcPost:<id>``; X as ``x.com/<user>/status/<id>``, ``twitter.com/…`` or
``x.com/i/web/status/<id>``. The key is the channel and the long number; other addresses are kept
without scheme, ``www.``, query, fragment and trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_LINKEDIN_ID = re.compile(r"(?:activity|share|ugcpost)[-:](\d{15,22})", re.IGNORECASE)
_X_ID = re.compile(r"/status(?:es)?/(\d{5,22})")


def url_key(url: str) -> str:
    text = unquote(url.strip())
    if not text:
        return ""
    found = _LINKEDIN_ID.search(text)
    if found and "linkedin" in text.lower():
        return f"linkedin:{found.group(1)}"
    found = _X_ID.search(text)
    if found and any(host in text.lower() for host in ("x.com", "twitter.com")):
        return f"x:{found.group(1)}"
    parts = urlsplit(text if "//" in text else f"//{text}")
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def channel_of(url: str) -> str:
    """The channel an address belongs to ("" when it is none sendemast knows)."""
    host = urlsplit(url if "//" in url else f"//{url}").netloc.lower()
    for channel, hosts in (("linkedin", ("linkedin.com", "lnkd.in")), ("x", ("x.com", "twitter.com")),
                           ("bluesky", ("bsky.app",)), ("threads", ("threads.net", "threads.com"))):
        if any(host == h or host.endswith("." + h) for h in hosts):
            return channel
    return "mastodon" if "/@" in url else ""
