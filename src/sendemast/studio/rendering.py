"""Jinja2 pages and fragments. Autoescaping is on for every template: nothing reaches the page
unescaped (``|safe`` is used nowhere). Fragments render without a request, from worker threads too."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from sendemast import __version__
from sendemast.studio import views
from sendemast.studio.i18n import LANG_COOKIE, pick_lang, translate

HERE = Path(__file__).parent
CHANNEL_NAMES = {"linkedin": "LinkedIn", "x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon",
                 "threads": "Threads"}


@cache
def environment() -> jinja2.Environment:
    from sendemast.drafting.types import MAX_VARIANTS
    from sendemast.planning.core import DEFAULT_WEEKS, MAX_WEEKS

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        # Drafts and history entries are loosely shaped JSON (older entries lack newer keys): a missing
        # key renders as nothing rather than failing the page.
        undefined=jinja2.Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        static=lambda name: f"/static/{name}?v={__version__}",
        marked_segments=views.marked_segments,
        linkedin_preview=views.linkedin_preview,
        x_preview=views.x_preview,
        diff_lines=views.diff_lines,
        tips_of=views.tips_of,
        channel_name=lambda c: CHANNEL_NAMES.get(c, c),
        # the forms offer the library's own limits, so a page and the CLI accept the same values
        max_weeks=MAX_WEEKS,
        default_weeks=DEFAULT_WEEKS,
        max_variants=MAX_VARIANTS,
    )
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f} %"
    return env


def lang_of(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))


def fragment(template: str, lang: str, **context: Any) -> Markup:
    """A piece of a page (a draft, a scorecard) in ``lang``. The template escaped everything it holds,
    so it is Markup: another template includes it as it is, and it is never escaped twice."""
    t = environment().get_template(template)
    return Markup(t.render(lang=lang, t=lambda key: translate(key, lang), **context))


def _with_lang(request: Request, lang: str) -> str:
    """This page in ``lang``: its query kept (the plan's leader and weeks, a search), ``lang`` replaced."""
    from urllib.parse import urlencode

    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
    return f"{request.url.path}?{urlencode(query)}"


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    studio = request.app.state.studio
    account = getattr(request.state, "account", None)  # team mode: the logged-in account
    html = fragment(
        template,
        lang,
        path=request.url.path,
        other_lang="en" if lang == "da" else "da",
        other_lang_url=_with_lang(request, "en" if lang == "da" else "da"),
        studio=studio,
        account=account,
        csrf=getattr(request.state, "csrf", None),
        leaders=studio.leaders_for(account),
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", httponly=True)
    return response
