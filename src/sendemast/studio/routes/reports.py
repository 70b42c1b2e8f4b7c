"""Eval reports: the HTML reports of earlier ``sendemast eval --html`` runs in the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.errors import UsageError
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import page

router = APIRouter()
# Where reports are looked for: the workspace's top folder (``eval --html`` with no path writes
# eval-report.html there) and these folders in it.
FOLDERS = ("", "reports", "rapporter", "eval", ".sendemast/reports")
MARKER = b"<title>sendemast eval"  # what makes an HTML file one of our reports
# The report's own policy (it is one file with its style inline), sandboxed: no script can run in it.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@dataclass(frozen=True)
class Report:
    name: str  # the path inside the workspace, which is also its address
    modified: str
    size_kb: float


def find_reports(studio: Studio) -> list[Report]:
    root = studio.workspace.root
    found: dict[str, Report] = {}
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.glob("*.html"):
            if not path.is_file() or not _is_report(path):
                continue
            stat = path.stat()
            name = path.relative_to(root).as_posix()
            found[name] = Report(name, datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y-%m-%d %H:%M"),
                                 stat.st_size / 1024)
    return sorted(found.values(), key=lambda r: r.modified, reverse=True)


def _is_report(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return MARKER in f.read(2048)
    except OSError:
        return False


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    return page(request, "reports.html", reports=find_reports(studio))


@router.get("/reports/{name:path}")
def report_file(name: str, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    # Only a report that the listing shows can be opened: no path from the address reaches the disk.
    known = {r.name for r in find_reports(studio)}
    if name not in known:
        raise UsageError(f"no eval report {name!r}")
    body = (studio.workspace.root / name).read_bytes()
    return HTMLResponse(body, headers={"content-security-policy": REPORT_CSP})
