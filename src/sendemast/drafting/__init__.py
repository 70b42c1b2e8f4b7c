"""Drafting and rewriting in the leader's voice: the chain, its steps, the privacy guard and the history."""

from sendemast.drafting.chain import build_chain, run
from sendemast.drafting.types import Draft, DraftOutput, DraftRequest, DraftResult, Source

__all__ = ["Draft", "DraftOutput", "DraftRequest", "DraftResult", "Source", "build_chain", "run"]
