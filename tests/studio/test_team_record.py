"""The public record in the team studio (issue 21), in-process: capacity, an image refused and then
accepted with alt text, a quiet period that stops an approval without a reason, hand-off links, the
AI-assistance line, and the record downloads only for those who may see the post."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

from tests.studio.team_support import LEADER_A, LEADER_B, login, session_csrf
from tests.studio.test_team import client, ids, team_root  # noqa: F401  (the shared team fixtures)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def _version(http: Any, post: int) -> str:
    return str(http.get(f"/api/posts/{post}").json()["version"])


def test_a_post_through_its_record_in_the_studio(client: Any, ids: dict[str, int]) -> None:  # noqa: F811
    post = ids[LEADER_A]
    login(client, "anna")
    token = session_csrf(client)
    page = client.get(f"/posts/{post}").text
    assert "På egne vegne" in page and "Hent journal (PDF)" in page
    # drafted by the machine: the page offers the profile's AI-assistance line
    assert "skrevet med hjælp fra et AI-værktøj" in page
    changed = client.post(
        f"/posts/{post}/capacity",
        data={"capacity": "official", "version": _version(client, post), "csrf_token": token},
        follow_redirects=False,
    )
    assert changed.status_code == 303 and client.get(f"/api/posts/{post}").json()["capacity"] == "official"

    fake = client.post(
        f"/posts/{post}/images",
        data={"version": _version(client, post), "csrf_token": token},
        files={"image": ("foto.png", b"<svg onload=alert(1)>", "image/png")},
    )
    assert fake.status_code == 400 and "SVG" in fake.text
    added = client.post(
        f"/posts/{post}/images",
        data={"version": _version(client, post), "csrf_token": token},
        files={"image": ("engbo.png", _png(), "image/png")},
        follow_redirects=False,
    )
    assert added.status_code == 303
    refused = client.post(
        f"/api/posts/{post}/steps", json={"action": "submit"}, headers={"x-csrf-token": token}
    )
    assert refused.status_code == 409 and "alt text" in refused.json()["error"]
    alt = '<script>alert("x")</script> Hanne i haven på Engbo'
    client.post(
        f"/posts/{post}/images/1/alt",
        data={"alt": alt, "version": _version(client, post), "csrf_token": token},
    )
    page = client.get(f"/posts/{post}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page  # escaped, in the alt and the list
    image = client.get(f"/posts/{post}/images/1")
    assert (
        image.headers["content-type"] == "image/png" and image.headers["x-content-type-options"] == "nosniff"
    )
    assert (
        client.post(
            f"/api/posts/{post}/steps", json={"action": "submit"}, headers={"x-csrf-token": token}
        ).status_code
        == 200
    )

    login(client, "dorte")  # an admin starts a quiet period for the whole organisation
    token = session_csrf(client)
    assert 'action="/quiet"' in client.get("/board").text
    started = client.post(
        "/quiet",
        data={
            "until": (date.today() + timedelta(days=30)).isoformat(),
            "reason": "Folketingsvalg udskrevet",
            "leader": "",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    try:
        login(client, "carl")
        token = session_csrf(client)
        board = client.get("/board").text
        assert "Folketingsvalg udskrevet" in board and 'action="/quiet"' not in board  # not an admin
        assert "Stilleperiode nu" in client.get(f"/posts/{post}").text
        bare = client.post(
            f"/api/posts/{post}/steps", json={"action": "approve"}, headers={"x-csrf-token": token}
        )
        assert bare.status_code == 409 and "quiet period" in bare.json()["error"]
        ok = client.post(
            f"/api/posts/{post}/steps",
            json={"action": "approve", "reason": "Driftsinformation"},
            headers={"x-csrf-token": token},
        )
        assert ok.status_code == 200, ok.text
    finally:
        login(client, "dorte")
        client.post("/quiet/end", data={"leader": "", "csrf_token": session_csrf(client)})

    login(client, "anna")
    token = session_csrf(client)
    page = client.get(f"/posts/{post}").text
    assert "https://www.linkedin.com/feed/?shareActive=true&amp;text=" in page  # hand-off, escaped
    published = client.post(
        f"/posts/{post}/steps",
        data={
            "action": "publish",
            "version": _version(client, post),
            "url": "https://www.linkedin.com/posts/b-1",
            "published_on": "2026-12-07",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert published.status_code == 303
    record = json.loads(client.get(f"/posts/{post}/record.json").content)
    assert record["editorial_control"]["by"] == "carl" and record["post"]["capacity"] == "official"
    assert record["quiet_periods_overridden"][0]["reason"] == "Folketingsvalg udskrevet"
    assert record["images"][0]["alt_text"].endswith("Hanne i haven på Engbo")
    pdf = client.get(f"/posts/{post}/record.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    login(client, "bo")  # an adviser for another leader: neither the record nor the image exists for her
    assert client.get(f"/posts/{post}/record.pdf").status_code == 404
    assert client.get(f"/posts/{post}/record.json").status_code == 404
    assert client.get(f"/posts/{post}/images/1").status_code == 404
    assert client.get(f"/posts/{ids[LEADER_B]}/record.json").status_code == 200


def test_replies_on_their_path_and_moderation_in_the_team_studio(client: Any) -> None:  # noqa: F811
    thread = (
        "Karen Holm: Min mor har ikke fået sin hjemmehjælp i tre uger. Hvad gør I?\n\n"
        "Crypto King: Tjen 10.000 kr om dagen! Klik her: www.rigtnu.biz"
    )
    login(client, "anna")
    token = session_csrf(client)
    page = client.post("/dialogue", data={"thread": thread, "leader": LEADER_A, "csrf_token": token}).text
    assert "Gem svarudkast 1" in page and "Registrér en moderation" in page
    saved = client.post(
        "/dialogue/save",
        data={"thread": thread, "leader": LEADER_A, "comment": "1", "reply": "1", "csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    listing = client.get(f"/dialogue/replies?leader={LEADER_A}").text
    assert (
        "Karen" in listing and "følsom" in listing and "Marker som sendt" not in listing
    )  # a case: approve first
    reply_id = int(listing.split('action="/dialogue/replies/', 1)[1].split("/", 1)[0])
    assert client.post(f"/dialogue/replies/{reply_id}/send", data={"csrf_token": token}).status_code == 409
    client.post(f"/dialogue/replies/{reply_id}/submit", data={"csrf_token": token})
    login(client, "carl")
    client.post(f"/dialogue/replies/{reply_id}/approve", data={"csrf_token": session_csrf(client)})
    login(client, "anna")
    token = session_csrf(client)
    client.post(f"/dialogue/replies/{reply_id}/send", data={"csrf_token": token})
    blocked = client.post(
        "/dialogue/moderation",
        data={
            "leader": LEADER_A,
            "action": "blocked",
            "ground": "spam",
            "author": "Crypto King",
            "csrf_token": token,
        },
    )
    assert blocked.status_code == 400 and "reason" in blocked.text  # a block needs a reason in words
    client.post(
        "/dialogue/moderation",
        data={
            "leader": LEADER_A,
            "action": "hidden",
            "ground": "spam",
            "author": "Crypto King",
            "comment": "Tjen 10.000 kr",
            "csrf_token": token,
        },
    )
    listing = client.get(f"/dialogue/replies?leader={LEADER_A}").text
    assert "svar sendt" in listing and "Godkendt af carl" in listing and "Skjult" in listing
    login(client, "bo")  # an adviser for another leader sees none of it
    assert client.get(f"/dialogue/replies?leader={LEADER_A}").status_code in (400, 404)
    assert "Karen" not in client.get("/dialogue/replies").text
