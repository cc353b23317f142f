"""Ingest jobs: an uploaded file is ingested in the background while the page shows its progress."""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from ..sources.files import is_mbox, split_mbox

KEEP = 200  # finished jobs remembered (oldest forgotten first)


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    filename: str
    total: int
    done: int = 0
    state: str = "running"  # running | done | failed
    error: str = ""
    summary: Any = None  # hygiene.IngestSummary

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "filename": self.filename, "done": self.done,
                "total": self.total, "error": self.error,
                "summary": self.summary.to_dict() if self.summary is not None else None}


def count_messages(data: bytes) -> int:
    return sum(1 for _ in split_mbox(data)) if is_mbox(data[:5]) else 1


@dataclass
class Jobs:
    """Runs one ingest at a time (they share the database's single writer anyway)."""

    store: Any
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
        """The new job, and a future that completes when it has finished (done or failed)."""
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
            with self._lock:
                j = self._jobs[job_id]
                self._jobs[job_id] = replace(j, state="done", summary=summary, done=j.total)
        except Exception as exc:  # noqa: BLE001 - a failed job reports its error instead of vanishing
            with self._lock:
                self._jobs[job_id] = replace(self._jobs[job_id], state="failed",
                                             error=f"{type(exc).__name__}: {exc}".splitlines()[0])
        finally:
            os.unlink(path)
