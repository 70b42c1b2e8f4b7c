"""``GET /api/health``: whether the studio answers, and whether it has finished warming up (the model,
the index and the check workers loaded). Open without a login, so a load balancer in front of several
studio processes can ask it; it tells nothing about anyone's work."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from sendemast.studio.deps import Studio, get_studio

router = APIRouter()


@router.get("/api/health")
async def health(studio: Annotated[Studio, Depends(get_studio)]) -> JSONResponse:
    return JSONResponse({"status": "ok", "ready": studio.warmed.is_set()})
