"""A studio draft or rewrite: the form turned into a :class:`DraftRequest`, run as a job through
``assembly.draft_in_workspace`` (the CLI's own path) with the leader's context, its events turned into
page fragments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sendemast.errors import SendemastError, UsageError
from sendemast.studio.i18n import translate
from sendemast.studio.rendering import fragment

if TYPE_CHECKING:
    from markupsafe import Markup

    from sendemast.drafting.events import DraftEvent
    from sendemast.drafting.types import DraftRequest
    from sendemast.studio.deps import Studio
    from sendemast.studio.jobs import Job

_log = logging.getLogger(__name__)
MAX_TEXT = 20_000  # characters of notes or original text: far above any post, well below harm


@dataclass(frozen=True)
class DraftForm:
    text: str
    command: str = "draft"
    leader: str = ""  # empty: the workspace's default leader
    channel: str = ""
    audience: str = ""
    topic: str = ""
    lang: str = ""
    variants: int = 0

    def to_request(self, studio: Studio, ui_lang: str) -> DraftRequest:
        from sendemast.drafting.types import DraftRequest

        text = self.text.strip()
        if not text:
            key = "notes" if self.command == "draft" else "original"
            raise UsageError(f"{translate(key, ui_lang)}: " + ("skriv noget først" if ui_lang == "da"
                                                             else "write something first"))
        if len(text) > MAX_TEXT:
            raise UsageError(f"the text is longer than {MAX_TEXT} characters")
        if self.leader and self.leader not in {leader.id for leader in studio.leaders()}:
            raise UsageError(f"unknown leader {self.leader!r}")
        if self.channel and self.channel not in studio.ruleset.channels:
            raise UsageError(f"unknown channel {self.channel!r}")
        if self.lang not in ("", "da", "en"):
            raise UsageError(f"unknown language {self.lang!r} (expected da or en)")
        return DraftRequest(
            text=text,
            command="rewrite" if self.command == "rewrite" else "draft",
            channel=self.channel or None,
            audience=self.audience or None,
            topic=self.topic or None,
            variants=self.variants or None,  # 0: the default; the limit is DraftRequest's, as in the CLI
            lang=self.lang or None,  # type: ignore[arg-type]
        )


def start(studio: Studio, request: DraftRequest, ui_lang: str, leader: str = "", user: Any = None) -> Job:
    """Run the draft for ``leader`` (the default one when empty) in a worker thread; the job's events
    (in the database: any studio process can stream them) are what the page shows as it happens.
    ``user`` is the logged-in account in team mode: the draft runs as her, and only for a leader she
    may write for (else the same answer as an unknown leader)."""
    allowed = studio.leaders_for(user)
    leader = leader or (allowed[0].id if allowed else studio.default_leader)
    if user is not None and leader not in {x.id for x in allowed}:
        raise UsageError(f"unknown leader {leader!r}")

    def work(job: Job) -> Any:
        from sendemast.assembly import draft_in_workspace

        def sink(event: DraftEvent) -> None:
            # drafting drops a sink that raises; a draft that cannot be shown must still say so
            try:
                job.add(*page_event(event, request.command, ui_lang, studio, leader, source=request.text))
            except Exception as exc:
                _log.exception("studio could not show a drafting event")
                job.add("error", {"message": f"{translate('unexpected', ui_lang)}: {type(exc).__name__}"})

        try:
            model, lock = studio.model()
            job.add("model", {"model": model.model_id, "demo": bool(model.is_demo)})
            retriever = studio.retriever(leader)  # opened once per leader, under the studio's lock
            with lock:
                return draft_in_workspace(studio.workspace, request, model=model, retriever=retriever,
                                          on_event=sink, leader=studio.leader(leader), user=user)
        except SendemastError as exc:
            job.add("error", {"message": exc.one_line()})
            return None

    return studio.jobs.submit(work, command=request.command, owner=getattr(user, "name", None),
                              leader=leader)


def page_event(event: DraftEvent, command: str, lang: str, studio: Studio,
               leader: str | None = None, source: str | None = None) -> tuple[str, dict[str, Any]]:
    """A drafting event as the page wants it: finished drafts as rendered, escaped HTML (whose live
    check scores against ``leader``'s profile and compares with ``source``, the notes or original)."""
    if event.kind == "step":
        return "step", {"step": event.step, "label": translate(f"step_{event.step}", lang)}
    if event.kind in ("token", "sentence"):
        return event.kind, {"variant": event.variant, "text": event.text}
    if event.kind == "draft":
        html = draft_html(event.data, event.variant, command, lang, studio, leader, source)
        return "draft", {"variant": event.variant, "html": html}
    return "done", {"history_id": event.data.get("history_id"), "model": event.data.get("model"),
                    "label": translate("done", lang)}


def draft_html(draft: dict[str, Any], n: int, command: str, lang: str, studio: Studio,
               leader: str | None = None, source: str | None = None) -> Markup:
    """One draft's article; ``leader`` and ``source`` (its notes or original) travel with the live
    re-checks."""
    conf = studio.channel_conf(str(draft.get("channel") or "linkedin"))
    linkedin_fold = studio.channel_conf("linkedin").get("hook_chars")
    return fragment("_draft.html", lang, draft=draft, n=n, command=command, conf=conf,
                    linkedin_fold=linkedin_fold, leader=leader, source=source)


def result_html(result: Any, command: str, lang: str, studio: Studio,
                leader: str | None = None, source: str | None = None) -> list[Markup]:
    """The finished drafts of a job, for the page that waited for them (no JavaScript)."""
    if result is None:
        return []
    return [draft_html(d.to_dict(), n, command, lang, studio, leader, source)
            for n, d in enumerate(result.drafts, start=1)]
