"""Ingest jobs: an uploaded file is ingested in the background while the page shows its progress.

When the job's messages are committed it is ``done``; the sending IPs and domains its new
sender-side bounces name are then looked up on DNS blocklists in the same worker
(``hygiene.evidence.check_evidence``, as ``bounceback ingest`` does), while ``checking`` is true.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from ..sources.files import is_mbox, split_mbox

KEEP = 200  # finished jobs remembered (oldest forgotten first)
log = logging.getLogger("bounceback.web")


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    filename: str
    total: int
    done: int = 0
    state: str = "running"  # running | done | failed
    error: str = ""
    summary: Any = None  # hygiene.IngestSummary
    checking: bool = False  # the blocklist check runs (after the messages are committed)
    evidence: Any = None  # hygiene.evidence.EvidenceCheck, once it has run

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "filename": self.filename, "done": self.done,
                "total": self.total, "error": self.error,
                "summary": self.summary.to_dict() if self.summary is not None else None,
                "checking": self.checking, "evidence": self.evidence.to_dict() if self.evidence is not None else None}


def count_messages(data: bytes) -> int:
    return sum(1 for _ in split_mbox(data)) if is_mbox(data[:5]) else 1


@dataclass
class Jobs:
    """Runs one ingest at a time (they share the database's single writer anyway)."""

    store: Any
    reputation: Any = None  # reputation.settings.Settings; None: no lookups
    _jobs: dict[str, Job] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, "bounceback-ingest"))

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _set(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state == "running":
                    break
                del self._jobs[oldest]

    def start(self, data: bytes, filename: str) -> tuple[Job, Future]:
        """The new job, and a future that completes when its messages are committed (done) or it failed.

        The blocklist check that follows runs after the future completes: a request waiting for it
        never waits for DNS."""
        job = Job(secrets.token_urlsafe(12), filename, count_messages(data))
        self._set(job)
        return job, self._pool.submit(self._run, job.id, data)

    def _run(self, job_id: str, data: bytes) -> None:
        from ..hygiene import ingest

        def on_message(_outcome: str) -> None:
            with self._lock:
                j = self._jobs[job_id]
                self._jobs[job_id] = replace(j, done=j.done + 1)

        fd, path = tempfile.mkstemp(prefix="bounceback-upload-", suffix=".mbox")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            summary = ingest(self.store, [path], on_message=on_message)
            checking = bool(summary.evidence_targets) and self.reputation is not None
            with self._lock:
                j = self._jobs[job_id]
                self._jobs[job_id] = replace(j, state="done", summary=summary, done=j.total, checking=checking)
            if checking:
                self._pool.submit(self._check, job_id, summary.evidence_targets)
        except Exception as exc:  # noqa: BLE001 - a failed job reports its error instead of vanishing
            with self._lock:
                self._jobs[job_id] = replace(self._jobs[job_id], state="failed",
                                             error=f"{type(exc).__name__}: {exc}".splitlines()[0])
        finally:
            os.unlink(path)

    def look_up(self, targets: tuple[str, ...]) -> None:
        """Look up the evidence of events recorded outside a job (webhooks), after the ones queued before."""
        if self.reputation is not None:
            self._pool.submit(self._check, "", targets)

    def _check(self, job_id: str, targets: tuple[str, ...]) -> None:
        from ..hygiene.evidence import check_evidence

        evidence = None
        try:
            evidence = check_evidence(self.store, self.reputation, targets=targets)
            for w in evidence.warnings:
                log.warning("blocklist check of %s: %s", f"upload {job_id}" if job_id else "webhook events", w)
        except Exception as exc:  # noqa: BLE001 - the records stand; `bounceback incidents check` can redo this
            log.warning("blocklist check of %s failed: %s: %s", f"upload {job_id}" if job_id else "webhook events",
                        type(exc).__name__, exc)
        finally:
            with self._lock:
                if job_id in self._jobs:
                    self._jobs[job_id] = replace(self._jobs[job_id], checking=False, evidence=evidence)
