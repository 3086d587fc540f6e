"""Stages that misbehave on purpose, named by pipelines as "tests.runner.stages:misbehave":
the file's name says how (hang, die, hog)."""
import os
import signal
import time


def misbehave(ctx) -> None:
    name = os.path.basename(str(ctx.path))
    if "hang" in name:
        time.sleep(3600)
    if "die" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "hog" in name:
        hog = bytearray(8 << 30)        # 8 GiB: past any --max-memory of the tests
        hog[-1] = 1


def boom(ctx) -> None:
    if "victim" in os.path.basename(str(ctx.path)):
        raise RuntimeError("injected failure")
