"""Hand-off, never auto-posting: the addresses that open a channel's composer with the post's text
prefilled. The person posts, then registers the address (``sendemast post publish --url``).

LinkedIn, X, Bluesky and Threads have a public compose address that takes the text; Mastodon's is on
each server (``/share?text=``), so it is offered when the profile names the leader's server
(``mastodon_server``). Images cannot be prefilled anywhere: the page says to add them by hand.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

# {text} is the URL-encoded post
COMPOSE_URLS: dict[str, str] = {
    "linkedin": "https://www.linkedin.com/feed/?shareActive=true&text={text}",
    "x": "https://x.com/intent/post?text={text}",
    "bluesky": "https://bsky.app/intent/compose?text={text}",
    "threads": "https://www.threads.net/intent/post?text={text}",
    "mastodon": "https://{server}/share?text={text}",
}
LABELS: dict[str, str] = {
    "linkedin": "LinkedIn",
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
}


def handoff_links(text: str, channel: str, profile: Any = None) -> list[dict[str, str]]:
    """[{channel, label, url}], the post's own channel first, then the profile's other channels."""
    wanted = [channel] + [c for c in (getattr(profile, "channels", None) or []) if c != channel]
    server = getattr(profile, "mastodon_server", None)
    links = []
    for name in wanted:
        template = COMPOSE_URLS.get(name)
        if template is None or (name == "mastodon" and not server):
            continue
        url = template.format(text=quote(text, safe=""), server=server or "")
        links.append({"channel": name, "label": LABELS[name], "url": url})
    return links
