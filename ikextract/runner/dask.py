"""The same pipeline on a Dask distributed cluster: `ingest --scheduler tcp://HOST:PORT`.

The client (the `ikextract ingest` process) finds the files, submits one task per file and
takes the results as they finish; linking and writing stay with it, exactly as in a local
run, so both give the same datasets. Each Dask worker reads its files in an isolated child
process (runner.workers, one per worker thread) under the same --timeout and --max-memory,
so a file that hangs or blows up costs one child, not the Dask worker. The files must be
readable under the same absolute paths on every worker machine (a shared folder); the output
folder only on the client's.

Dask's nanny starts worker processes as daemons, which may not have children; on such a
worker a file is read in the worker's own thread, with no time or memory limit. Start
workers with `--no-nanny` (or `distributed.worker.daemon: false`) to keep the isolation.
"""
from __future__ import annotations

import os
import threading
from dataclasses import replace
from typing import Iterator

from ikextract.model import Failure

_local = threading.local()
CONNECT_SECONDS = 30


class SchedulerUnavailable(RuntimeError):
    """The cluster cannot be reached: nothing was read, a rerun reads everything."""


def _pool(spec, limits):
    from ikextract.runner.workers import WorkerPool
    pool = getattr(_local, "pool", None)
    if pool is None or pool.spec != spec or pool.limits != limits:
        if pool is not None:
            pool.close()
        pool = _local.pool = WorkerPool(spec, 1, limits)
    return pool


def read_on_worker(source, spec, limits):
    """The Dask task: one file to a Report or a Failure (never raises)."""
    import multiprocessing
    from ikextract.pipeline import extract_or_fail
    if multiprocessing.current_process().daemon:
        return extract_or_fail(source, spec)
    try:
        return _pool(spec, limits).run_one(source)
    except Exception as exc:          # the child could not be started: read it here
        result = extract_or_fail(source, spec)
        if isinstance(result, Failure):
            result.message += f" (read without isolation: {exc})"
        return result


def run_on_cluster(address: str, jobs: list, spec, limits, progress=None
                   ) -> Iterator[tuple[object, object]]:
    from distributed import Client, as_completed
    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    futures = {}
    try:
        for i, source in enumerate(jobs):
            task = replace(source, path=os.path.abspath(source.path))
            future = client.submit(read_on_worker, task, spec, limits, pure=False,
                                   key=f"ikextract-read-{i}-{os.getpid()}")
            futures[future] = source
        for future in as_completed(list(futures), loop=client.loop):
            source = futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:    # the task itself was lost (a worker died)
                result = Failure(source.source_path, None, "worker", type(exc).__name__,
                                 f"the Dask task reading this file failed: {exc}")
            yield source, result
    finally:
        if futures:
            client.cancel(list(futures))
        client.close()
