"""The public record of a post (issue 21): capacity, images with alt text, quiet periods, publication
without approval, and the record itself (JSON and PDF) and its export — on the team layer with real
SQLite, Pillow, fpdf2 and pypdf."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.team.conftest import LEADER_A, LEADER_B, checker_for


def png(
    color: tuple[int, int, int] = (200, 30, 30), fmt: str = "PNG", size: tuple[int, int] = (40, 30)
) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


CHECK = checker_for({"CPR": "block", "måske": "review"})


def _draft(db: Any, user: Any, text: str = "Jeg besøgte Engbo i dag. Tak til holdet.", **kw: Any) -> Any:
    from sendemast.team.posts import create_post

    return create_post(db, user, LEADER_A, "linkedin", text, CHECK, **kw)


# --- capacity in the checker ------------------------------------------------------------------------

OPINION = "Jeg mener, at den nye skolereform er den forkerte vej for vores elever."
AUTHORITY = "Vi har i kommunen besluttet at lukke biblioteket i Egeslev. Jeg synes, det er rigtigt."


def _rules(text: str, capacity: str | None) -> set[str]:
    from sendemast.guidelines import check_post

    return {f.rule for f in check_post(text, "linkedin", capacity=capacity).findings}


def test_an_own_opinion_needs_no_magic_words_when_the_post_is_personal() -> None:
    assert "stance.on_behalf" in _rules(OPINION, None)  # undeclared: the text must say it
    assert not {"stance.on_behalf", "capacity.official_stance"} & _rules(OPINION, "personal")


def test_an_official_post_that_takes_a_stance_on_policy_is_review() -> None:
    from sendemast.guidelines import check_post

    result = check_post(OPINION, "linkedin", capacity="official")
    found = [f for f in result.findings if f.rule == "capacity.official_stance"]
    assert found and found[0].severity == "review" and result.verdict == "review"
    assert "skolereform" in found[0].message
    # an official post that only states what was decided takes no stance
    assert "capacity.official_stance" not in _rules(
        "Byrådet har vedtaget budgettet for 2027. Jeg glæder mig til at komme i gang.", "official"
    )


def test_a_personal_post_that_speaks_as_the_authority_with_an_opinion_warns() -> None:
    assert "capacity.personal_as_authority" in _rules(AUTHORITY, "personal")
    assert "capacity.personal_as_authority" not in _rules(AUTHORITY.split(". ")[0] + ".", "personal")
    assert "capacity.personal_as_authority" not in _rules(AUTHORITY, "official")
    assert "capacity.personal_as_authority" in _rules(
        "We at the council have decided to close the pool. I think it is the right call.", "personal"
    )


def test_an_unknown_capacity_is_one_clear_line(db: Any, people: dict[str, Any]) -> None:
    from sendemast.errors import UsageError

    with pytest.raises(UsageError, match=r"personal.*official"):
        _draft(db, people["anna"], capacity="privat")
    assert _draft(db, people["anna"], capacity="officiel").capacity == "official"


# --- images -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt,mime", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("GIF", "image/gif")]
)
def test_an_image_is_told_by_its_content(fmt: str, mime: str) -> None:
    from sendemast.team.images import read_image

    info = read_image(png(fmt=fmt), "billede.txt")  # the name says nothing
    assert info.mime == mime and (info.width, info.height) == (40, 30)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"not an image at all", "not an image"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG",
        ),
        (b"%PDF-1.7\n", "not an image"),
    ],
)
def test_anything_else_is_refused_with_one_line(data: bytes, message: str) -> None:
    from sendemast.team.images import ImageError, read_image

    with pytest.raises(ImageError, match=message) as caught:
        read_image(data, "foto.png")
    assert "\n" not in caught.value.one_line()


def test_a_truncated_or_huge_image_is_refused() -> None:
    from sendemast.team.images import MAX_BYTES, ImageError, read_image

    with pytest.raises(ImageError, match=r"unreadable|not an image"):
        read_image(png(size=(400, 300))[:200], "foto.png")
    with pytest.raises(ImageError, match="too large"):
        read_image(b"\x89PNG" + b"\0" * (MAX_BYTES + 1), "stor.png")


def test_no_alt_text_no_submit_and_every_image_change_is_a_version(db: Any, people: dict[str, Any]) -> None:
    from sendemast.team.approval import take_step
    from sendemast.team.errors import PostConflict, TransitionError
    from sendemast.team.images import add_image, set_alt_text
    from sendemast.team.posts import post_record

    anna = people["anna"]
    post = _draft(db, anna)
    after = add_image(db, anna, post.id, png(), "engbo.png", version=post.version, checker=CHECK)
    assert after.version == post.version + 1 and after.verdict == "block"
    assert any(f["rule"] == "access.alt_text" for f in after.check["findings"])
    with pytest.raises(TransitionError, match="alt text"):
        take_step(db, anna, post.id, "submit")
    with pytest.raises(PostConflict):  # an image change based on an old version loses nothing
        set_alt_text(db, anna, post.id, 1, "To elever i haven", version=post.version, checker=CHECK)
    fixed = set_alt_text(
        db, anna, post.id, 1, "To elever og en hund i haven på Engbo", version=after.version, checker=CHECK
    )
    assert fixed.verdict == "pass"
    take_step(db, anna, post.id, "submit")
    record = post_record(db, anna, post.id)
    assert record["images"][0]["alt_text"] == "To elever og en hund i haven på Engbo"
    with pytest.raises(TransitionError, match="kladde"):  # submitted: images are frozen with the text
        add_image(db, anna, post.id, png((1, 2, 3)), "to.png", version=fixed.version)


def test_at_most_four_images_and_the_same_bytes_are_stored_once(db: Any, people: dict[str, Any]) -> None:
    from sqlalchemy import func, select

    from sendemast.team.images import ImageError, add_image
    from sendemast.team.models import ImageBlob

    anna = people["anna"]
    post = _draft(db, anna)
    version = post.version
    for _ in range(4):
        version = add_image(db, anna, post.id, png(), "samme.png", version=version, alt="Rødt felt").version
    with pytest.raises(ImageError, match="4 images"):
        add_image(db, anna, post.id, png(), "femte.png", version=version, alt="x")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImageBlob)) == 1


def test_an_image_is_seen_only_by_those_who_may_see_the_post(db: Any, people: dict[str, Any]) -> None:
    from sendemast.team.errors import NotFound
    from sendemast.team.images import add_image, image_data

    post = _draft(db, people["anna"])
    add_image(db, people["anna"], post.id, png(), "a.png", version=post.version, alt="Rødt felt")
    assert image_data(db, people["carl"], post.id, 1)[1] == "image/png"
    with pytest.raises(NotFound):
        image_data(db, people["jonas"], post.id, 1)


# --- quiet periods ----------------------------------------------------------------------------------


def test_a_quiet_period_needs_an_admin_a_reason_and_an_end_after_its_start(
    db: Any, people: dict[str, Any]
) -> None:
    from sendemast.errors import UsageError
    from sendemast.team.errors import Forbidden
    from sendemast.team.quiet import start_quiet

    today = date.today()
    with pytest.raises(Forbidden):
        start_quiet(db, people["carl"], until=today, reason="Valg")
    with pytest.raises(UsageError, match="before it starts"):
        start_quiet(db, people["dorte"], until=today - timedelta(days=1), reason="Valg")
    with pytest.raises(UsageError, match="reason"):
        start_quiet(db, people["dorte"], until=today, reason="  ")


def test_in_a_quiet_period_approval_needs_a_written_reason_which_the_record_keeps(
    db: Any, people: dict[str, Any]
) -> None:
    from sendemast.records.record import build_record
    from sendemast.team.approval import take_step
    from sendemast.team.errors import TransitionError
    from sendemast.team.quiet import end_quiet, quiet_on, start_quiet

    def gate(leader: str, day: date) -> list[dict[str, Any]]:
        return quiet_on(db, leader, day)

    today = date.today()
    start_quiet(db, people["dorte"], until=today + timedelta(days=10), reason="Folketingsvalg udskrevet")
    post = _draft(db, people["anna"])
    take_step(db, people["anna"], post.id, "submit")
    with pytest.raises(TransitionError, match=r"quiet period.*Folketingsvalg"):
        take_step(db, people["carl"], post.id, "approve", quiet=gate)
    take_step(db, people["carl"], post.id, "approve", quiet=gate, reason="Ren driftsinformation om Engbo")
    with pytest.raises(TransitionError, match="quiet period"):
        take_step(
            db,
            people["anna"],
            post.id,
            "publish",
            url="https://www.linkedin.com/posts/1",
            published_on=today,
            quiet=gate,
        )
    record = build_record(db, people["anna"], post.id)
    assert record["quiet_periods_overridden"][0]["reason"] == "Folketingsvalg udskrevet"
    assert record["editorial_control"]["reason"] == "Ren driftsinformation om Engbo"
    # another leader's period does not hold for this one; an ended one holds no more
    assert end_quiet(db, people["dorte"])
    start_quiet(db, people["dorte"], until=today, reason="Hannes ferie", leader=LEADER_B)
    assert gate(LEADER_A, today) == [] and gate(LEADER_B, today)[0]["reason"] == "Hannes ferie"


def test_the_profiles_planned_quiet_periods_hold_too(db: Any) -> None:
    from sendemast.profile import QuietPeriod
    from sendemast.team.quiet import quiet_on

    today = date.today()
    planned = [QuietPeriod(start=today, end=today, reason="Kommunalvalg")]
    assert quiet_on(db, LEADER_A, today, planned)[0]["kind"] == "planned"
    assert quiet_on(db, LEADER_A, today + timedelta(days=1), planned) == []


# --- the record -------------------------------------------------------------------------------------


def _published_post(db: Any, people: dict[str, Any]) -> int:
    """Drafted (a history entry with notes and a composition), an image, submitted, changes requested,
    edited by a person, approved and published."""
    from sendemast.team.approval import take_step
    from sendemast.team.history import HistoryStore
    from sendemast.team.images import add_image
    from sendemast.team.posts import list_posts, save_text

    anna, carl = people["anna"], people["carl"]
    store = HistoryStore(db, leader=LEADER_A, user=anna, capacity="official")
    entry = store.start(
        "draft", {"text": "- besøg på Engbo tirsdag\n- 14 nye elever fra 1. marts"}, "local/gemma-3-270m"
    )
    entry.update(
        status="ok",
        prompt={"name": "compose-sentence", "version": "1.0.0"},
        sources=[{"id": "v1", "kind": "values", "title": "Værdier for Fjordmark"}],
        outputs=[
            {
                "text": "Jeg besøgte Engbo tirsdag.\n\n14 nye elever fra 1. marts.",
                "channel": "linkedin",
                "check": {"verdict": "pass", "findings": []},
                "composition": [
                    {"text": "Jeg besøgte Engbo tirsdag.", "origin": "model"},
                    {"text": "14 nye elever fra 1. marts.", "origin": "notes"},
                ],
            }
        ],
    )
    store.save(entry)
    post = list_posts(db, anna)[0]
    assert post.capacity == "official" and post.history_id == entry["id"]
    post = add_image(
        db, anna, post.id, png(), "engbo.jpg", version=post.version, alt="Hanne i haven på Engbo"
    )
    take_step(db, anna, post.id, "submit")
    take_step(db, carl, post.id, "request_changes", reason="Sig hvorfor eleverne betyder noget")
    post = save_text(
        db,
        anna,
        post.id,
        "Tirsdag besøgte jeg Engbo.\n\nFra 1. marts får vi 14 nye elever – de er vores kolleger om få år.",
        post.version,
        CHECK,
    )
    take_step(db, anna, post.id, "submit")
    take_step(db, carl, post.id, "approve")
    take_step(
        db,
        anna,
        post.id,
        "publish",
        url="https://www.linkedin.com/posts/hanne-1",
        published_on=date(2026, 12, 7),
    )
    return post.id


def test_the_record_shows_every_step_who_in_which_role_and_what_the_machine_and_people_did(
    db: Any, people: dict[str, Any]
) -> None:
    from sendemast.records.record import build_record

    post_id = _published_post(db, people)
    record = build_record(db, people["anna"], post_id)
    json.dumps(record)  # plain JSON
    assert record["post"]["text"].startswith("Tirsdag besøgte jeg Engbo.")
    assert record["post"]["capacity"] == "official" and record["post"]["text_is"] == "as published"
    path = [(s["action"], s["actor"], s["role"]) for s in record["path"]]
    assert path == [
        ("create", "anna", "adviser"),
        ("submit", "anna", "adviser"),
        ("request_changes", "carl", "approver"),
        ("submit", "anna", "adviser"),
        ("approve", "carl", "approver"),
        ("publish", "anna", "adviser"),
    ]
    assert record["editorial_control"]["approved"] and record["editorial_control"]["by"] == "carl"
    assert record["check_at_approval"]["verdict"] == "pass"
    assert record["machine"]["model"] == "local/gemma-3-270m"
    assert record["machine"]["sentences_by_origin"] == {"model": 1, "notes": 1}
    assert record["machine"]["sources"][0]["title"] == "Værdier for Fjordmark"
    assert 0.3 < record["changes"]["changed_share"] < 1.0
    assert any(line.startswith("+Tirsdag") for line in record["changes"]["diff"])
    assert record["notes"]["internal"] and "Internt arbejdsdokument" in record["notes"]["label"]
    assert record["images"][0]["alt_text"] == "Hanne i haven på Engbo"
    assert record["comments"][0]["text"] == "Sig hvorfor eleverne betyder noget"


def test_the_pdf_is_pdfa_with_danish_letters_and_extractable_text(db: Any, people: dict[str, Any]) -> None:
    import pypdf

    from sendemast.records.pdf import record_pdf
    from sendemast.records.record import build_record

    data = record_pdf(build_record(db, people["anna"], _published_post(db, people)))
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Godkendt af carl (approver)",
        "Tirsdag besøgte jeg Engbo",
        "for myndigheden",
        "Internt arbejdsdokument",
        "Hanne i haven på Engbo",
        "ændret af et menneske",
        "request_changes",
    ):
        assert expected in " ".join(text.split()), expected
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" in xmp and ">2<" in xmp.replace('"2"', ">2<")
    assert reader.trailer["/Root"].get("/OutputIntents")


def test_a_post_published_without_approval_says_so(db: Any, people: dict[str, Any]) -> None:
    from sendemast.records.pdf import record_pdf
    from sendemast.records.record import NO_APPROVAL, build_record
    from sendemast.team.approval import take_step
    from sendemast.team.errors import TransitionError

    anna = people["anna"]
    post = _draft(db, anna, "Jeg var på Engbo i dag – måske den bedste dag i år.")
    with pytest.raises(TransitionError, match="findings a person must approve"):
        take_step(
            db,
            anna,
            post.id,
            "publish_unapproved",
            url="https://x.com/a/status/1",
            published_on=date.today(),
            checker=CHECK,
        )
    take_step(
        db,
        anna,
        post.id,
        "publish_unapproved",
        url="https://x.com/a/status/1",
        published_on=date.today(),
        checker=CHECK,
        reason="Hanne skrev det selv",
    )
    record = build_record(db, anna, post.id)
    assert record["editorial_control"] == {
        **record["editorial_control"],
        "approved": False,
        "statement": NO_APPROVAL,
    }
    assert record["machine"]["drafted"] is False
    assert b"PDF" in record_pdf(record)[:8]


def test_records_export_a_period_as_a_zip_and_only_for_those_who_may_see(
    db: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    from sendemast.errors import UsageError
    from sendemast.records.export import export_records
    from sendemast.team.errors import NotFound

    post_id = _published_post(db, people)
    out = tmp_path / "aktindsigt.zip"
    result = export_records(
        db, people["carl"], out, start=date(2026, 12, 1), end=date(2026, 12, 31), leader=LEADER_A
    )
    assert result.posts == 1
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        folder = f"post-{post_id:04d}"
        assert {
            f"{folder}/record.json",
            f"{folder}/record.pdf",
            f"{folder}/images/1-engbo.jpg",
            "index.csv",
        } <= names
        index = archive.read("index.csv").decode("utf-8-sig").splitlines()
        assert index[0].startswith("id,leader") and ",carl,approver," in index[1]
        assert json.loads(archive.read(f"{folder}/record.json"))["post"]["id"] == post_id
    with pytest.raises(NotFound):  # an adviser for another leader cannot export this one's
        export_records(
            db,
            people["jonas"],
            tmp_path / "x.zip",
            start=date(2026, 12, 1),
            end=date(2026, 12, 31),
            leader=LEADER_A,
        )
    with pytest.raises(UsageError, match="no posts published"):  # ... and sees none of them without --leader
        export_records(
            db, people["jonas"], tmp_path / "x.zip", start=date(2026, 12, 1), end=date(2026, 12, 31)
        )
    with pytest.raises(UsageError, match="before it starts"):
        export_records(
            db, people["carl"], tmp_path / "x.zip", start=date(2026, 12, 31), end=date(2026, 12, 1)
        )
    assert not (tmp_path / "x.zip").exists() and not list(tmp_path.glob(".*.tmp"))


def test_handoff_links_prefill_the_text_for_each_channel() -> None:
    from urllib.parse import parse_qs, urlparse

    from sendemast.profile import Profile
    from sendemast.records.handoff import handoff_links

    profile = Profile(
        name="Hanne",
        title="Direktør",
        organisation="Fjordmark Kommune",
        channels=["linkedin", "x", "mastodon"],
        mastodon_server="social.fjordmark.dk",
    )
    text = "Tak for i dag & på gensyn #Fjordmark"
    links = {link["channel"]: link["url"] for link in handoff_links(text, "x", profile)}
    assert list(links) == ["x", "linkedin", "mastodon"]
    assert parse_qs(urlparse(links["x"]).query)["text"] == [text]
    assert links["mastodon"].startswith("https://social.fjordmark.dk/share?text=")
    assert "mastodon" not in {x["channel"] for x in handoff_links(text, "mastodon", None)}


def test_the_export_holds_the_replies_sent_and_the_moderation_actions(
    db: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from sendemast.dialogue.record import record_moderation, save_reply, step_reply
    from sendemast.dialogue.rules import load_rules
    from sendemast.records.export import export_records

    anna, carl = people["anna"], people["carl"]
    reply = save_reply(
        db,
        anna,
        LEADER_A,
        author="Karen",
        comment="Min mor får ikke sin hjemmehjælp.",
        cls="case",
        text="Kære Karen, skriv til borgerservice@fjordmark.dk, så ser vi på det.",
        check={"verdict": "pass", "findings": []},
    )
    step_reply(db, anna, reply["id"], "submit")
    step_reply(db, carl, reply["id"], "approve")
    step_reply(db, anna, reply["id"], "send")
    record_moderation(
        db,
        anna,
        LEADER_A,
        load_rules(),
        action="hidden",
        ground="spam",
        author="Crypto Bot",
        comment="Tjen 10.000 kr. om dagen!",
    )
    today = datetime.now(UTC).date()
    out = tmp_path / "dialog.zip"
    result = export_records(db, carl, out, start=today, end=today, leader=LEADER_A)
    assert result.posts == 0 and result.dialogue_entries == 2  # no posts, but the dialogue is on record
    with zipfile.ZipFile(out) as archive:
        entries = json.loads(archive.read(f"dialogue/{LEADER_A}.json"))
    assert (
        entries["replies_sent"][0]["approved_by"] == "carl"
        and entries["replies_sent"][0]["sent_by"] == "anna"
    )
    assert entries["moderation"][0]["action"] == "hidden" and entries["moderation"][0]["ground"] == "spam"
    from sendemast.team.errors import NotFound

    with pytest.raises(NotFound):
        export_records(db, people["jonas"], tmp_path / "x.zip", start=today, end=today, leader=LEADER_A)
