"""The record of a post as a readable PDF/A-2u (fpdf2): DejaVu Sans embedded, so Danish letters are
right and every word can be extracted (a text layer, Unicode mapped); an sRGB output intent from
Pillow's ImageCms. The layout follows what an access-to-documents request asks: the post, who approved
it, its path, what the machine wrote and what people changed, the check, images, and the notes
(marked internal).
"""

from __future__ import annotations

import io
from importlib import resources
from typing import Any

from sendemast.records.record import NO_APPROVAL

FONT = "DejaVu"
_LABELS = {
    "title": "Opslagsjournal – sendemast",
    "post": "Opslaget",
    "leader": "Afsender",
    "capacity": "Egenskab",
    "channel": "Kanal",
    "status": "Status",
    "url": "Adresse",
    "published": "Udgivet",
    "created": "Oprettet",
    "editorial": "Redaktionel kontrol",
    "path": "Forløb (godkendelsesvej)",
    "comments": "Kommentarer",
    "machine": "Maskinens bidrag",
    "changes": "Menneskers ændringer",
    "check": "Tjek ved godkendelse",
    "quiet": "Stilleperioder, der blev tilsidesat",
    "images": "Billeder",
    "notes": "Noter",
}


def record_pdf(record: dict[str, Any]) -> bytes:
    """The PDF of ``record`` (``record.build_record``)."""
    from fpdf import FPDF
    from fpdf.enums import OutputIntentSubType
    from fpdf.output import PDFICCProfile
    from PIL import ImageCms

    pdf = FPDF(format="A4", enforce_compliance="PDFA_2U")
    fonts = resources.files("sendemast.records") / "fonts"
    with (
        resources.as_file(fonts / "DejaVuSans.ttf") as regular,
        resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold,
    ):
        pdf.add_font(FONT, "", str(regular))
        pdf.add_font(FONT, "B", str(bold))
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    pdf.add_output_intent(
        OutputIntentSubType.PDFA,
        "sRGB",
        "sRGB IEC61966-2.1",
        "https://www.color.org",
        PDFICCProfile(contents=icc, n=3, alternate="DeviceRGB"),
        "sRGB IEC61966-2.1",
    )
    post, leader = record["post"], record["leader"]
    pdf.set_title(f"Opslag {post['id']} – {leader.get('name') or leader['id']}")
    pdf.set_author("sendemast")
    pdf.set_lang("da")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    writer = _Writer(pdf)

    writer.heading(_LABELS["title"], size=16)
    writer.line(f"Opslag nr. {post['id']} · journal dannet {record['made_at']}", size=9)
    writer.fields(
        [
            (
                _LABELS["leader"],
                ", ".join(
                    x
                    for x in (
                        leader.get("name") or leader["id"],
                        leader.get("title"),
                        leader.get("organisation"),
                    )
                    if x
                ),
            ),
            (_LABELS["capacity"], post.get("capacity_label") or post.get("capacity")),
            (_LABELS["channel"], post["channel"]),
            (_LABELS["status"], post["status_label"]["da"]),
            (_LABELS["published"], post.get("published_on") or "–"),
            (_LABELS["url"], post.get("published_url") or "–"),
            (_LABELS["created"], f"{post['created_at']} af {post.get('created_by') or '–'}"),
        ]
    )
    writer.heading(
        f"{_LABELS['post']} ({'som udgivet' if post['text_is'] == 'as published' else 'nuværende'})"
    )
    writer.paragraph(post["text"])

    editorial = record["editorial_control"]
    writer.heading(_LABELS["editorial"])
    if editorial["approved"]:
        writer.paragraph(
            f"Godkendt af {editorial['by']} ({editorial.get('role') or 'ukendt rolle'}) "
            f"{editorial['at']}, version {editorial.get('version')}."
            + (f" Begrundelse: {editorial['reason']}" if editorial.get("reason") else "")
        )
    else:
        writer.paragraph(
            f"{NO_APPROVAL.capitalize()}: opslaget blev udgivet, uden at en person godkendte "
            "teksten på godkendelsesvejen.",
            bold=True,
        )

    writer.heading(_LABELS["path"])
    for step in record["path"]:
        why = f" – {step['reason']}" if step.get("reason") else ""
        role = f" ({step['role']})" if step.get("role") else ""
        writer.bullet(
            f"{step['created_at']}: {step['actor']}{role} {step['action']} → {step['to']} "
            f"(v{step['version']}){why}"
        )
    if record["quiet_periods_overridden"]:
        writer.heading(_LABELS["quiet"])
        for period in record["quiet_periods_overridden"]:
            writer.bullet(
                f"{period.get('reason') or 'stilleperiode'}: {period['start']} – {period['until']} "
                f"({'planlagt' if period.get('kind') == 'planned' else 'startet'})"
            )
    if record["comments"]:
        writer.heading(_LABELS["comments"])
        for comment in record["comments"]:
            writer.bullet(f"{comment['created_at']} {comment['actor']}: {comment['text']}")

    machine = record["machine"]
    writer.heading(_LABELS["machine"])
    if machine["drafted"]:
        prompt = machine.get("prompt") or {}
        origins = ", ".join(f"{n} fra {_ORIGIN.get(k, k)}" for k, n in machine["sentences_by_origin"].items())
        writer.fields(
            [
                ("Opgave", machine.get("command")),
                ("Model", machine.get("model")),
                ("Prompt", f"{prompt.get('name')} v{prompt.get('version')}" if prompt else "–"),
                ("Sætninger", origins or "–"),
                (
                    "Kilder",
                    "; ".join(s.get("title") or s.get("id") for s in machine.get("sources") or []) or "–",
                ),
            ]
        )
    else:
        writer.paragraph(machine["statement"])

    changes = record["changes"]
    writer.heading(_LABELS["changes"])
    writer.paragraph(
        f"Fra version {changes['first_version']} til version {changes['final_version']}: "
        f"{round(100 * changes['changed_share'])} % af ordene ændret af et menneske."
    )
    for version in changes["versions"]:
        writer.bullet(f"version {version['version']}: {version.get('actor') or '–'} {version['created_at']}")
    if changes["diff"]:
        writer.mono("\n".join(changes["diff"][:200]))

    check = record.get("check_at_approval")
    if check:
        writer.heading(_LABELS["check"])
        writer.paragraph(f"Dom: {check.get('verdict')}")
        for finding in check.get("findings") or []:
            writer.bullet(f"{finding.get('severity')}: {finding.get('message')} ({finding.get('rule')})")

    if record["images"]:
        writer.heading(_LABELS["images"])
        for image in record["images"]:
            writer.bullet(
                f"Billede {image['position']}: {image['filename']} ({image['mime']}, "
                f"{image['width']}×{image['height']}, sha256 {image['sha256'][:16]}…) – "
                f"alternativ tekst: {image.get('alt_text') or 'MANGLER'}"
            )

    notes = record.get("notes")
    if notes:
        writer.heading(_LABELS["notes"])
        writer.paragraph(notes["label"], bold=True)
        writer.mono(notes["text"])
    out = pdf.output()
    return bytes(out)


_ORIGIN = {"model": "modellen", "rules": "reglerne", "notes": "noterne", "template": "skabelonen"}


class _Writer:
    """A few paragraph styles over fpdf2's multi_cell, in one place."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf

    def heading(self, text: str, size: int = 12) -> None:
        self.pdf.ln(3)
        self.pdf.set_font(FONT, "B", size)
        self.pdf.multi_cell(0, size * 0.55, _safe(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def line(self, text: str, size: int = 10) -> None:
        self.pdf.set_font(FONT, "", size)
        self.pdf.multi_cell(0, 5, _safe(text), new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, bold: bool = False) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", 10)
        self.pdf.multi_cell(0, 5, _safe(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def bullet(self, text: str) -> None:
        self.pdf.set_font(FONT, "", 9)
        self.pdf.multi_cell(0, 4.6, _safe(f"• {text}"), new_x="LMARGIN", new_y="NEXT")

    def mono(self, text: str) -> None:
        self.pdf.set_font(FONT, "", 8)
        self.pdf.set_fill_color(244, 244, 244)
        self.pdf.multi_cell(0, 4, _safe(text), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def fields(self, rows: list[tuple[str, Any]]) -> None:
        for label, value in rows:
            self.pdf.set_font(FONT, "B", 9)
            self.pdf.cell(32, 5, _safe(label))
            self.pdf.set_font(FONT, "", 9)
            self.pdf.multi_cell(
                0, 5, _safe(str(value if value not in (None, "") else "–")), new_x="LMARGIN", new_y="NEXT"
            )


def _safe(text: str) -> str:
    """DejaVu Sans has no emoji: each becomes its Unicode name in brackets rather than a blank box, so
    the record still says what the post said."""
    import unicodedata

    out = io.StringIO()
    for char in text:
        if ord(char) > 0xFFFF or (
            unicodedata.category(char) == "So" and ord(char) >= 0x2190 and not _has_glyph(char)
        ):
            out.write(f"[{unicodedata.name(char, 'symbol').lower()}]")
        elif char in "\u200d\ufe0f":
            continue
        else:
            out.write(char)
    return out.getvalue()


_GLYPHS: set[int] | None = None


def _has_glyph(char: str) -> bool:
    global _GLYPHS
    if _GLYPHS is None:
        from fontTools.ttLib import TTFont

        with resources.as_file(resources.files("sendemast.records") / "fonts" / "DejaVuSans.ttf") as path:
            _GLYPHS = set(TTFont(str(path)).getBestCmap())
    return ord(char) in _GLYPHS
