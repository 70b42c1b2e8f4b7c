"""A post's images as the team database holds them, and the ``access.alt_text`` finding for each one
without alt text (a ``block``: such a post can be neither submitted nor approved). Read by the post's
check and record (``posts.py``, ``approval.py``) and by the image edits (``images.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sendemast.team.models import Post

ALT_RULE = "access.alt_text"
_ALT_MESSAGE = {
    "da": "Billede {n} har ingen alternativ tekst. Skriv, hvad billedet viser, så alle kan læse med.",
    "en": "Image {n} has no alt text. Describe what it shows, so that everyone can follow.",
}


def images_of(session: Session, post_id: int) -> list[dict[str, Any]]:
    """The post's images in order, without their bytes."""
    from sqlalchemy import select

    from sendemast.team.models import ImageBlob, PostImage

    rows = session.execute(
        select(PostImage, ImageBlob.mime, ImageBlob.width, ImageBlob.height, ImageBlob.size)
        .join(ImageBlob, ImageBlob.sha256 == PostImage.sha256)
        .where(PostImage.post_id == post_id)
        .order_by(PostImage.position)
    )
    return [
        {
            "position": image.position,
            "sha256": image.sha256,
            "filename": image.filename,
            "alt_text": image.alt_text,
            "mime": mime,
            "width": width,
            "height": height,
            "size": size,
            "added_by": image.added_by,
        }
        for image, mime, width, height, size in rows
    ]


def alt_text_findings(session: Session, post: Post, check: dict[str, Any]) -> dict[str, Any]:
    """``check`` with an ``access.alt_text`` block finding for each image without alt text."""
    missing = [i for i in images_of(session, post.id) if not i["alt_text"]] if post.id else []
    findings = [f for f in check.get("findings") or [] if f.get("rule") != ALT_RULE]
    lang = "en" if check.get("language") == "en" else "da"
    for image in missing:
        findings.append(
            {
                "rule": ALT_RULE,
                "severity": "block",
                "start": 0,
                "end": 0,
                "message": _ALT_MESSAGE[lang].format(n=image["position"]),
            }
        )
    out = {**check, "findings": findings}
    if missing:
        out["verdict"] = "block"
    return out
