"""Images on a post, each with the alt text a person wrote (WCAG 2.1 AA; the Danish, Swedish and UK
guidance for public bodies on social media).

- At most :data:`MAX_IMAGES` per post; PNG, JPEG, WebP or GIF, told by the *content* (Pillow opens and
  verifies it), never by the file name; SVG is refused (it can carry script). At most
  :data:`MAX_BYTES` and :data:`MAX_PIXELS` (a decompression bomb is refused before it is decoded).
- Stored once per content in ``image_blobs`` (SHA-256), in the team database beside the post.
- Images change only while the text may (``workflow.EDITABLE``), and every change bumps the post's
  ``version`` with a compare-and-set, exactly like a text edit: an approval is of text *and* images.
- ``access.alt_text``: a post with an image that has no alt text carries a ``block`` finding, so it can
  be neither submitted nor approved.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendemast.errors import UsageError
from sendemast.team.errors import NotFound
from sendemast.team.post_images import alt_text_findings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.models import Post
    from sendemast.team.posts import Checker, PostView

MAX_IMAGES = 4
MAX_BYTES = (
    8 * 1024 * 1024
)  # LinkedIn and Bluesky take less after their own compression; this is what we keep
MAX_PIXELS = 40_000_000
MAX_ALT = 1500  # LinkedIn's alt-text limit is 1,000 characters, X's 1,000, Bluesky's 2,000: the editor says
MIMES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


class ImageError(UsageError):
    """An upload that is not an image we take: one line saying why; nothing is saved."""


@dataclass(frozen=True)
class ImageInfo:
    sha256: str
    mime: str
    width: int
    height: int
    size: int


def read_image(data: bytes, name: str = "billede") -> ImageInfo:
    """What ``data`` is, by its content: raises :class:`ImageError` with one line for anything else."""
    from PIL import Image, UnidentifiedImageError

    label = name or "the file"
    if not data:
        raise ImageError(f"{label} is empty")
    if len(data) > MAX_BYTES:
        raise ImageError(f"{label} is too large: {len(data) / 1e6:.1f} MB (at most {MAX_BYTES // 2**20} MB)")
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        raise ImageError(f"{label} is an SVG drawing: SVG is refused (it can carry script); export it as PNG")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError(
                    f"{label} is too large: {width}×{height} pixels (at most "
                    f"{MAX_PIXELS // 1_000_000} megapixels)"
                )
            if kind not in MIMES:
                raise ImageError(f"{label} is {kind or 'an unknown format'}: only PNG, JPEG, WebP and GIF")
            image.verify()  # reads the whole file: a truncated or corrupt image fails here
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        detail = "not an image" if isinstance(exc, UnidentifiedImageError) else f"unreadable ({exc})"
        raise ImageError(f"{label} is {detail}: only PNG, JPEG, WebP and GIF") from None
    return ImageInfo(hashlib.sha256(data).hexdigest(), MIMES[kind], width, height, len(data))


def _alt(alt: str | None) -> str | None:
    value = " ".join((alt or "").split())
    if len(value) > MAX_ALT:
        raise UsageError(f"the alt text is too long: {len(value)} characters (at most {MAX_ALT})")
    return value or None


def _new_version(
    session: Session, user: Account | None, post: Post, version: int, checker: Checker | None, what: str
) -> None:
    """What every image change ends with: the post re-checked, as its next version."""
    from sendemast.team.posts import run_check, save_version

    session.flush()  # the image rows, for the alt-text finding
    check = (
        run_check(session, post, post.text, checker)
        if checker is not None
        else alt_text_findings(session, post, dict(post.check or {}))
    )
    save_version(session, user, post, version, check, what)


def add_image(
    db: Database,
    user: Account | None,
    post_id: int,
    data: bytes,
    filename: str,
    *,
    version: int,
    alt: str | None = None,
    checker: Checker | None = None,
) -> PostView:
    """A new image last on the post (with its alt text, if given): a new version of the post."""
    from sqlalchemy import func, select

    from sendemast.team.models import ImageBlob, PostImage
    from sendemast.team.posts import _load, actor_name, editable_post, view_of

    name = (filename or "billede").replace("\\", "/").rsplit("/", 1)[-1][:200] or "billede"
    info = read_image(data, name)
    alt_text = _alt(alt)
    with db.session() as session:
        post = editable_post(session, user, post_id, version, "the new image")
        count = session.scalar(
            select(func.count()).select_from(PostImage).where(PostImage.post_id == post_id)
        )
        if (count or 0) >= MAX_IMAGES:
            raise ImageError(f"post {post_id} has {MAX_IMAGES} images already (at most {MAX_IMAGES})")
        if session.get(ImageBlob, info.sha256) is None:
            session.add(
                ImageBlob(
                    sha256=info.sha256,
                    mime=info.mime,
                    width=info.width,
                    height=info.height,
                    size=info.size,
                    data=data,
                )
            )
        last = session.scalar(select(func.max(PostImage.position)).where(PostImage.post_id == post_id))
        session.add(
            PostImage(
                post_id=post_id,
                position=(last or 0) + 1,
                sha256=info.sha256,
                filename=name,
                alt_text=alt_text,
                added_by=actor_name(user),
            )
        )
        _new_version(session, user, post, version, checker, "the new image")
        return view_of(_load(session, user, post_id, fresh=True))


def set_alt_text(
    db: Database,
    user: Account | None,
    post_id: int,
    position: int,
    alt: str,
    *,
    version: int,
    checker: Checker | None = None,
) -> PostView:
    from sendemast.team.models import PostImage
    from sendemast.team.posts import _load, editable_post, view_of

    alt_text = _alt(alt)
    if alt_text is None:
        raise UsageError("the alt text is empty: describe what the image shows")
    with db.session() as session:
        post = editable_post(session, user, post_id, version, "the alt text")
        image = session.get(PostImage, (post_id, position))
        if image is None:
            raise NotFound(f"post {post_id} has no image {position}")
        image.alt_text = alt_text
        _new_version(session, user, post, version, checker, "the alt text")
        return view_of(_load(session, user, post_id, fresh=True))


def remove_image(
    db: Database,
    user: Account | None,
    post_id: int,
    position: int,
    *,
    version: int,
    checker: Checker | None = None,
) -> PostView:
    from sendemast.team.models import PostImage
    from sendemast.team.posts import _load, editable_post, view_of

    with db.session() as session:
        post = editable_post(session, user, post_id, version, "removing the image")
        image = session.get(PostImage, (post_id, position))
        if image is None:
            raise NotFound(f"post {post_id} has no image {position}")
        session.delete(image)
        _new_version(session, user, post, version, checker, "removing the image")
        return view_of(_load(session, user, post_id, fresh=True))


def image_data(db: Database, user: Account | None, post_id: int, position: int) -> tuple[bytes, str]:
    """(bytes, mime) of one image, for whoever may view the post."""
    from sendemast.team.models import ImageBlob, PostImage
    from sendemast.team.posts import _load

    with db.session() as session:
        _load(session, user, post_id)
        image = session.get(PostImage, (post_id, position))
        if image is None:
            raise NotFound(f"post {post_id} has no image {position}")
        blob = session.get(ImageBlob, image.sha256)
        assert blob is not None
        return bytes(blob.data), blob.mime
