"""The glue between a workspace and the statistics: :func:`import_figures` (``sendemast stats import``)
and :func:`stats_for` (``sendemast stats`` and the studio's results page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.stats.analysis import TOO_FEW, WEEKDAYS, Dimension, Item, analyse
from sendemast.stats.forms import FORM_IDS, forms_of, length_band
from sendemast.stats.join import Candidate, join
from sendemast.stats.rules import StatsRules, load_rules
from sendemast.stats.store import StoredFigures, figures_path, load, merge, post_key

if TYPE_CHECKING:
    from sendemast.leaders import Leader
    from sendemast.planning.models import PastPost
    from sendemast.profile import Profile
    from sendemast.workspace import Workspace

DIMENSIONS = ("topic", "audience", "purpose", "value", "form", "length", "weekday", "hour", "channel")
LABELS: dict[str, dict[str, str]] = {
    "da": {"question": "Spørgsmål", "numbers": "Tal", "story": "Fortælling", "behind_the_scenes":
           "Bag kulisserne", "thanks": "Tak", "image": "Billede", "short": "Kort (til 400 tegn)",
           "medium": "Mellem (400–1.200 tegn)", "long": "Langt (over 1.200 tegn)",
           "monday": "mandag", "tuesday": "tirsdag", "wednesday": "onsdag", "thursday": "torsdag",
           "friday": "fredag", "saturday": "lørdag", "sunday": "søndag"},
    "en": {"question": "Question", "numbers": "Numbers", "story": "Story", "behind_the_scenes":
           "Behind the scenes", "thanks": "Thanks", "image": "Image", "short": "Short (up to 400 characters)",
           "medium": "Medium (400–1,200 characters)", "long": "Long (over 1,200 characters)",
           "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
           "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday"},
}


@dataclass
class ImportReport:
    leader: str
    layout: str
    source: str
    rows: int
    joined: int
    unjoined: list[dict[str, Any]]
    added: int
    updated: int
    unchanged: int
    days: int
    followers: int | None
    demographics: int
    stored_in: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _candidates(stored_like: list[tuple[str, str, str, dt.date | None, str]]) -> list[Candidate]:
    return [Candidate(key, url, channel, date, text) for key, url, channel, date, text in stored_like]


def _unjoined(items: list[Candidate]) -> list[dict[str, Any]]:
    return [{"url": c.url, "date": c.date.isoformat() if c.date else None, "channel": c.channel}
            for c in items]


def import_figures(workspace: Workspace, leader: Leader, path: Path,
                   now: dt.datetime | None = None) -> ImportReport:
    """Read ``path`` whole, join its posts to the leader's, and store its figures (all or nothing)."""
    from sendemast.planning.inputs import load_posts
    from sendemast.stats.importers import read_export

    export = read_export(path)
    posts, _ = load_posts(workspace, leader)
    items = _candidates([(post_key(r.url, r.channel, r.date, r.text), r.url, r.channel, r.date, r.text)
                         for r in export.posts])
    joined, unjoined = join(items, posts)
    target = figures_path(leader)
    counts = merge(target, export, now or dt.datetime.now(dt.UTC))
    return ImportReport(
        leader=leader.id, layout=export.layout, source=export.source, rows=len(export.posts),
        joined=len(joined), unjoined=_unjoined(unjoined), added=counts.added, updated=counts.updated,
        unchanged=counts.unchanged, days=counts.days, followers=export.followers_total,
        demographics=len(export.demographics), stored_in=str(target.relative_to(workspace.root)))


@dataclass
class StatsReport:
    leader: str
    since: dt.date | None
    lang: str
    posts: int  # the leader's past posts (in the period)
    with_figures: int
    unjoined: list[dict[str, Any]]
    dimensions: list[Dimension]
    labels: dict[str, dict[str, str]]  # dimension -> group id -> label
    days: dict[str, Any]
    followers: dict[str, Any] | None
    audiences: list[dict[str, Any]]
    rules: StatsRules
    items: list[Item] = field(default_factory=list, repr=False)

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == name)

    def label(self, dimension: str, group: str) -> str:
        return self.labels.get(dimension, {}).get(group, group)

    def to_json(self) -> dict[str, Any]:
        return {
            "leader": self.leader,
            "since": self.since.isoformat() if self.since else None,
            "posts": self.posts,
            "posts_with_figures": self.with_figures,
            "unjoined": self.unjoined,
            "method": {
                "centre": "median impressions; engagement rate = engagements / impressions, median per post",
                "interval": "exact distribution-free interval for the median (order statistics)",
                "confidence": self.rules.confidence,
                "widened_for_groups": "Bonferroni within each dimension",
                "difference": "only when a group's interval and the other posts' interval do not overlap",
                "min_posts": self.rules.min_posts,
                "too_few": TOO_FEW[self.lang],
            },
            "dimensions": {
                d.id: {"confidence": round(d.confidence, 4), "winners": d.winners(),
                       "groups": [g.to_json(self.label(d.id, g.id), self.lang) for g in d.groups]}
                for d in self.dimensions
            },
            "days": self.days,
            "followers": self.followers,
            "audiences": self.audiences,
        }


def stats_for(workspace: Workspace, leader: Leader, *, since: dt.date | None = None,
              lang: str | None = None, posts: list[PastPost] | None = None) -> StatsReport:
    """The leader's figures joined to her posts and analysed per dimension (see :mod:`.analysis`)."""
    from sendemast.planning.inputs import load_posts

    profile = leader.profile
    lang = lang if lang in ("da", "en") else (profile.languages[0] if profile.languages else "da")
    rules = load_rules(workspace.root)
    stored = load(figures_path(leader))
    if posts is None:
        posts, _ = load_posts(workspace, leader)
    if since is not None:
        posts = [p for p in posts if p.day >= since]
    candidates = [Candidate(p.key, p.url, p.channel, p.date, p.text) for p in stored.posts.values()
                  if since is None or p.date is None or p.date >= since]
    joined, unjoined = join(candidates, posts)
    items = _items(joined, stored, profile, rules)
    labels = _labels(profile, lang, items)
    order: dict[str, list[str]] = {
        "topic": [t.id for t in profile.topics], "audience": [a.id for a in profile.audiences],
        "purpose": [str(i) for i in range(len(profile.purposes))], "value": list(profile.values),
        "form": list(FORM_IDS), "length": list(rules.length_bands), "weekday": list(WEEKDAYS[:5]),
        "hour": [], "channel": list(profile.channels),
    }
    dimensions = [analyse(items, name, order[name], rules) for name in DIMENSIONS]
    for d in dimensions:
        if d.id == "hour":
            d.groups.sort(key=lambda g: g.id)
    return StatsReport(
        leader=leader.id, since=since, lang=lang, posts=len(posts), with_figures=len(items),
        unjoined=_unjoined(unjoined), dimensions=dimensions, labels=labels,
        days=_days(stored, since), followers=stored.followers,
        audiences=_audiences(profile, stored), rules=rules, items=items)


def _items(joined: dict[str, PastPost], stored: StoredFigures, profile: Profile,
           rules: StatsRules) -> list[Item]:
    from sendemast.guidelines import load_ruleset
    from sendemast.planning.classify import tag_text

    ruleset = load_ruleset()
    items = []
    for key, post in joined.items():
        figures = stored.posts[key].current()
        tags = tag_text(post.text, post.lang, profile, ruleset)
        weekday = post.day.weekday()
        groups = {
            "topic": tuple(tags.topics), "audience": tuple(tags.audiences),
            "purpose": tuple(str(i) for i in tags.purposes), "value": tuple(tags.values),
            "form": tuple(forms_of(post.text, rules)), "length": (length_band(post.text, rules),),
            "weekday": (WEEKDAYS[weekday],), "hour": () if post.hour is None else (f"{post.hour:02d}",),
            "channel": (post.channel or stored.posts[key].channel,),
        }
        items.append(Item(id=post.id, channel=groups["channel"][0], weekday=weekday, hour=post.hour,
                          impressions=figures["impressions"], engagements=figures["engagements"],
                          groups=groups))
    return items


def _labels(profile: Profile, lang: str, items: list[Item]) -> dict[str, dict[str, str]]:
    words = LABELS[lang]
    return {
        "topic": {t.id: t.title for t in profile.topics},
        "audience": {a.id: a.description for a in profile.audiences},
        "purpose": {str(i): p for i, p in enumerate(profile.purposes)},
        "value": {v: v for v in profile.values},
        "form": {f: words[f] for f in FORM_IDS},
        "length": {b: words.get(b, b) for b in ("short", "medium", "long")},
        "weekday": {d: words[d] for d in WEEKDAYS},
        "hour": {f"{h:02d}": f"{h:02d}:00" for h in range(24)},
        "channel": {c: {"linkedin": "LinkedIn", "x": "X"}.get(c, c.title()) for c in
                    {*profile.channels, *(i.channel for i in items)}},
    }


def _days(stored: StoredFigures, since: dt.date | None) -> dict[str, Any]:
    rows = [r for d, r in stored.days.items() if since is None or d >= since.isoformat()]
    if not rows:
        return {"days": 0}
    return {"days": len(rows), "first": min(r["date"] for r in rows), "last": max(r["date"] for r in rows),
            "impressions": sum(int(r["impressions"]) for r in rows),
            "engagements": sum(int(r["engagements"]) for r in rows)}


def _audiences(profile: Profile, stored: StoredFigures) -> list[dict[str, Any]]:
    from sendemast.stats.audience import audience_match

    return audience_match(profile, stored.demographics)


def report_stamp(workspace: Workspace, leader: Leader) -> tuple[object, ...]:
    """What :func:`stats_for` reads, as (path, mtime, size) triples: her posts' files, her figures, her
    profile and the workspace's rules. A long-running studio keeps a report until this changes."""
    import os

    from sendemast.stats.rules import WORKSPACE_FILE

    paths = [figures_path(leader), leader.profile_path, workspace.root / WORKSPACE_FILE]
    for root in leader.posts_roots():
        for folder, _, files in os.walk(root):
            paths += [Path(folder) / name for name in files]
    stamps: list[object] = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((str(path), -1, -1))
    return tuple(stamps)
