"""Taking turns on a shared Chroma server: an advisory lease, so that two colleagues ingesting into the
same index at the same time do not both do the work.

On one machine the ingest file lock is enough. A team sharing a ``chroma run`` has several machines,
and Chroma has no compare-and-set, so the lease is best effort, in the style of a lease table:

- the claim is one record (``<prefix>-leases``, id ``ingest``) with the holder's name, a random token
  and an expiry time;
- to take it, write your claim where there is none or only an expired one, wait a moment, and read it
  back: whoever reads their own token holds it (a colleague writing at the very same moment reads
  theirs overwritten and goes back to waiting);
- the holder renews the expiry from a background thread while it works and deletes the claim when done;
  a holder that crashed or lost its network simply stops renewing, and its claim expires.

Even if two ingests did overlap, the index stays consistent (deterministic ids, per-file hashes):
the lease saves duplicated work and confusing progress, it does not guard correctness.
"""

from __future__ import annotations

import getpass
import logging
import os
import socket
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

from sendemast.errors import IndexError_

if TYPE_CHECKING:
    from sendemast.retrieval.store import VectorStore

log = logging.getLogger("sendemast.retrieval.lease")

TTL_S = 60.0
SETTLE_S = 0.3  # long enough for a simultaneous claim to land before we read ours back


def holder_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = "someone"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()})"


def _abandoned(claim: dict[str, Any]) -> bool:
    """Left by a process of this machine that is gone, or by this process itself."""
    if claim.get("host") != socket.gethostname() or not isinstance(claim.get("pid"), int):
        return False
    pid = int(claim["pid"])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # exists, but not ours to signal
        return False
    return False


class ServerLease:
    def __init__(self, store: VectorStore, name: str = "ingest", *, ttl_s: float = TTL_S,
                 settle_s: float = SETTLE_S, holder: str | None = None) -> None:
        self.store = store
        self.name = name
        self.ttl_s = ttl_s
        self.settle_s = settle_s
        self.holder = holder or holder_name()
        self.token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def _collection(self) -> Any:
        return self.store.aux_collection("leases")

    def _read(self) -> dict[str, Any] | None:
        got = self.store.call(self._collection().get, ids=[self.name], include=["metadatas"])
        return dict(got["metadatas"][0]) if got["ids"] else None

    def _write(self) -> None:
        claim = {"holder": self.holder, "token": self.token, "expires": time.time() + self.ttl_s,
                 "host": socket.gethostname(), "pid": os.getpid()}
        self.store.call(self._collection().upsert, ids=[self.name], embeddings=[[0.0]], metadatas=[claim])

    def acquire(self, timeout_s: float) -> None:
        """Hold the lease, waiting up to ``timeout_s`` for a colleague's to end or expire."""
        deadline = time.monotonic() + timeout_s
        said = False
        while True:
            claim = self._read()
            free = claim is None or float(claim.get("expires", 0)) < time.time() or _abandoned(claim)
            if free or (claim is not None and claim.get("token") == self.token):
                self._write()
                time.sleep(self.settle_s)
                claim = self._read()
                if claim is not None and claim.get("token") == self.token:
                    self._start_renewing()
                    return
            if time.monotonic() >= deadline:
                holder = claim.get("holder", "someone") if claim else "someone"
                left = max(0.0, float(claim.get("expires", 0)) - time.time()) if claim else 0.0
                raise IndexError_(
                    f"another ingest into the shared index at {self.store.location} is running: {holder}",
                    hint=f"waited {timeout_s:.0f} s; try again when it has finished (a crashed one's claim "
                    f"runs out within {left:.0f} s)",
                )
            if not said and claim is not None:
                said = True  # one line, so that a person watching knows why nothing moves
                log.warning("waiting up to %.0f s for %s to finish ingesting into the shared index",
                            timeout_s, claim.get("holder", "someone"))
            time.sleep(min(0.5, max(0.05, deadline - time.monotonic())))

    def _start_renewing(self) -> None:
        def renew() -> None:
            while not self._stop.wait(self.ttl_s / 3):
                try:
                    claim = self._read()
                    if claim is None or claim.get("token") != self.token:
                        return  # taken over after we stalled past the expiry: nothing left to renew
                    self._write()
                except IndexError_:
                    continue  # the server hiccuped; the next round tries again before the claim runs out

        self._renewer = threading.Thread(target=renew, name="sendemast-lease", daemon=True)
        self._renewer.start()

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)
        try:
            claim = self._read()
            if claim is not None and claim.get("token") == self.token:
                self.store.call(self._collection().delete, ids=[self.name])
        except IndexError_:
            pass  # the server is gone: the claim expires on its own
