"""Warm workers: pages executed without a kernel start per page.

A kernel per page costs a process start and a fresh import of pandas, Altair, Frictionless and
the rest before the page's first line runs. A warm worker is one process (the build starts one
per core, in the environment a kernel would get) that imports those once, then executes pages one
after another, each in a fresh IPython shell, and sends back what a kernel would have produced:
the same outputs in the same order (glue's ``display_data`` with its ``scrapbook`` metadata,
``execute_result``, streams), the cells' execution counts and the notebook's ``language_info``.
The shell is ipykernel's own (``ZMQInteractiveShell``), with a session that records the messages
it would have sent; they are turned into outputs as nbclient turns them (``output_from_msg``).

Isolation. Before each page the worker forgets the ``distillbook`` package (every module of it is
imported again by the page, so no registry, register or module-level value survives from one
page to the next) and restores the process state a page can change: working folder, environment,
``sys.path``, warning filters, pandas and numpy options, Altair's theme and data transformer, the
random generators. What is carried over is only what is keyed by content: the imported third-party
modules and the data package's validation results (a table's validity is keyed on its bytes and
schema, :func:`distillbook.core.data.known_valid`).

What a worker cannot reproduce faithfully fails the page, which the build then executes in a
kernel as before: an error in a cell, a cell over the timeout, a display update by id, a page that
imports matplotlib (a kernel draws its figures with the inline backend). A worker that dies takes
only its current page with it (see :class:`WarmPool`).

The worker side runs as ``python -m distillbook.publish.warm <read fd> <write fd>``; the build
side is :class:`WarmPool`.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

#: Third-party modules a page's code uses, imported once per worker (the package itself is
#: imported for warm-up as well, then forgotten: see :func:`forget_package`).
HEAVY_MODULES = (
    "numpy",
    "pandas",
    "altair",
    "frictionless",
    "vl_convert",
    "IPython",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "jupyter_client.session",
    "myst_nb.ext.glue",
    "nbformat",
)

PACKAGE = "distillbook"


class Unsupported(Exception):
    """Something a page did that only a kernel reproduces faithfully: the page is left to the build."""


# -------------------------------------------------------------------------------------------------
# Worker side
# -------------------------------------------------------------------------------------------------


def forget_package() -> None:
    """Remove every ``distillbook`` module from ``sys.modules``: the next page imports the package
    afresh (registries, registers and module-level values start empty, as in a new kernel)."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def warm_up() -> set[str]:
    """Import the heavy modules, the package (every chapter module: whatever third-party modules
    they import stay loaded), start vl-convert's engine with one small chart, and validate the
    data package. Returns the validation results to carry to the pages (keys of valid tables)."""
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    valid: set[str] = set()
    try:
        importlib.import_module("distillbook.chapters.checks")
        charts = importlib.import_module("distillbook.core.charts")
        data = importlib.import_module("distillbook.core.data")
        paths = importlib.import_module("distillbook.core.paths")
        import altair as alt

        charts.static_svg(
            alt.Chart(alt.Data(values=[{"x": 1}]))
            .mark_point()
            .encode(x="x:Q")
            .properties(description="warm-up")
            .to_dict(),
            "warm-up",
        )
        data.validate_package(paths.ROOT / "data" / "datapackage.json")
        valid = set(data.known_valid())
    except Exception:  # noqa: BLE001 - a page that needs what failed here fails on its own, and is left to the build
        pass
    forget_package()
    return valid


@dataclass
class ProcessState:
    """What a page can change in the process beyond its namespace, saved before and restored after."""

    cwd: str
    environ: dict[str, str]
    path: list[str]
    argv: list[str]
    modules_main: object
    streams: tuple
    hooks: tuple
    pandas_options: dict = field(default_factory=dict)
    numpy_options: tuple = ()
    altair: tuple = ()

    @classmethod
    def save(cls) -> ProcessState:
        import altair as alt
        import numpy as np

        return cls(
            cwd=os.getcwd(),
            environ=dict(os.environ),
            path=list(sys.path),
            argv=list(sys.argv),
            modules_main=sys.modules.get("__main__"),
            streams=(sys.stdin, sys.stdout, sys.stderr),
            hooks=(sys.displayhook, sys.excepthook),
            pandas_options=_pandas_options(),
            numpy_options=(np.get_printoptions(), np.geterr()),
            altair=(alt.theme.active, alt.data_transformers.active, dict(alt.data_transformers.options)),
        )

    def restore(self) -> None:
        import altair as alt
        import numpy as np
        import pandas as pd

        os.chdir(self.cwd)
        os.environ.clear()
        os.environ.update(self.environ)
        sys.path[:] = self.path
        sys.argv[:] = self.argv
        sys.modules["__main__"] = self.modules_main  # type: ignore[assignment]
        sys.stdin, sys.stdout, sys.stderr = self.streams
        sys.displayhook, sys.excepthook = self.hooks
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for key, value in _pandas_options().items():
                if value != self.pandas_options.get(key, value):
                    pd.set_option(key, self.pandas_options[key])
        np.set_printoptions(**self.numpy_options[0])
        np.seterr(**self.numpy_options[1])
        theme, transformer, options = self.altair
        alt.theme.enable(theme)
        alt.data_transformers.enable(transformer, **options)


def _pandas_options() -> dict:
    """Every current pandas option (deprecated ones left out: reading them warns)."""
    import pandas as pd
    from pandas._config import config

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {key: pd.get_option(key) for key in config._registered_options if key not in config._deprecated_options}


class _Stream:
    """``sys.stdout`` / ``sys.stderr`` inside a page: writes become ``stream`` outputs, merged
    while they follow one another (as a kernel's stream buffers merge them)."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, name: str, sink: PageOutputs):
        self.name = name
        self.sink = sink

    def write(self, text: str) -> int:
        self.sink.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1 if self.name == "stdout" else 2


class PageOutputs:
    """The outputs of the cell being executed, built from the messages a kernel would send."""

    def __init__(self) -> None:
        self.outputs: list = []
        self.clear_before_next = False

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        self._before_output()
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.get("output_type") == "stream" and last.get("name") == name:
            last["text"] += text
        else:
            from nbformat.v4 import new_output

            self.outputs.append(new_output("stream", name=name, text=text))

    def message(self, msg: dict) -> None:
        """One message from the shell's display publisher or display hook, as nbclient handles it."""
        from nbformat.v4 import output_from_msg

        kind = msg["header"]["msg_type"]
        if kind == "clear_output":
            if msg["content"].get("wait"):
                self.clear_before_next = True
            else:
                self.outputs.clear()
            return
        if kind == "update_display_data" or msg["content"].get("transient", {}).get("display_id"):
            raise Unsupported("a display with a display id (updated later) is reproduced only by a kernel")
        self._before_output()
        self.outputs.append(output_from_msg(msg))

    def _before_output(self) -> None:
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False


def _recording_session(sink: PageOutputs):
    """A jupyter-client session whose ``send`` hands each message (serialised and read back, as it
    would travel to nbclient) to ``sink`` instead of a socket."""
    from jupyter_client.session import Session

    class Recording(Session):
        def send(
            self,
            stream,
            msg_or_type,
            content=None,
            parent=None,
            ident=None,
            buffers=None,
            track=False,
            header=None,
            metadata=None,
        ):  # noqa: E501
            msg = (
                msg_or_type
                if isinstance(msg_or_type, dict)
                else self.msg(msg_or_type, content, parent, header, metadata)
            )
            msg = {**msg, "content": self.unpack(self.pack(msg["content"]))}
            sink.message(msg)

    return Recording(key=b"")


def new_shell(sink: PageOutputs):
    """A fresh ipykernel shell (fresh namespace, execution count 1) whose displays go to ``sink``."""
    from ipykernel.zmqshell import ZMQInteractiveShell
    from traitlets.config import Config

    ZMQInteractiveShell.clear_instance()
    config = Config()
    config.HistoryManager.enabled = False  # no history database, no saving thread
    shell = ZMQInteractiveShell.instance(config=config)
    session = _recording_session(sink)
    for publisher in (shell.displayhook, shell.display_pub):
        publisher.session = session
        publisher.pub_socket = None
    return shell


def _close_shell(shell) -> None:
    from ipykernel.zmqshell import ZMQInteractiveShell

    atexit.unregister(shell.atexit_operations)
    shell.user_ns.clear()
    ZMQInteractiveShell.clear_instance()


class CellTimeout(Exception):
    """A cell ran longer than the execution timeout."""


def _on_alarm(signum, frame):
    raise CellTimeout("the cell ran longer than the timeout")


@contextlib.contextmanager
def _low_level_output(sink: PageOutputs) -> Iterator[None]:
    """Output written to file descriptors 1 and 2 by compiled code during a cell becomes stream
    output too, as ipykernel captures it."""
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    files = {fd: tempfile.TemporaryFile() for fd in (1, 2)}
    try:
        for fd, file in files.items():
            os.dup2(file.fileno(), fd)
        yield
    finally:
        for fd in (1, 2):
            os.dup2(saved[fd], fd)
            os.close(saved[fd])
        for fd, file in files.items():
            file.seek(0)
            text = file.read().decode("utf-8", errors="replace")
            file.close()
            sink.stream("stdout" if fd == 1 else "stderr", text)


def execute_cells(sources: list[str], timeout: int | None) -> tuple[list, list]:
    """Run the code cells of one page in a fresh shell; return each cell's outputs and execution
    count (None for an empty cell, which nbclient skips). Raises on the first error."""
    sink = PageOutputs()
    shell = new_shell(sink)
    outputs, counts = [], []
    sys.stdout, sys.stderr = _Stream("stdout", sink), _Stream("stderr", sink)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        for source in sources:
            sink.outputs, sink.clear_before_next = [], False
            if not source.strip():
                outputs.append([])
                counts.append(None)
                continue
            count = shell.execution_count
            with _low_level_output(sink):
                if timeout:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    result = shell.run_cell(source, store_history=True, silent=False)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                raise error
            outputs.append(sink.outputs)
            counts.append(count)
    finally:
        signal.signal(signal.SIGALRM, previous)
        _close_shell(shell)
    return outputs, counts


def run_page(job: dict, valid: set[str]) -> dict:
    """Execute one page (see the module's docstring) and return the reply for the build."""
    import nbformat
    import numpy as np
    from ipykernel.ipkernel import IPythonKernel

    start = time.perf_counter()
    state = ProcessState.save()
    had_matplotlib = "matplotlib" in sys.modules
    reply: dict = {"page": job["page"], "ok": False, "error": None}
    try:
        with warnings.catch_warnings():
            warnings.onceregistry.clear()
            os.chdir(Path(job["page"]).parent)  # where a kernel runs the page (paths.ROOT is found from here)
            forget_package()
            data = importlib.import_module("distillbook.core.data")
            data.known_valid().update(valid)
            random.seed()
            np.random.seed()
            notebook = nbformat.reads(job["notebook"], as_version=4)
            cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
            outputs, counts = execute_cells(cells, job.get("timeout"))
            if "matplotlib" in sys.modules and not had_matplotlib:
                raise Unsupported("the page imports matplotlib, whose figures only a kernel draws (inline backend)")
            valid |= set(sys.modules["distillbook.core.data"].known_valid())
        reply.update(ok=True, outputs=outputs, counts=counts, language_info=IPythonKernel.language_info)
    except BaseException as exc:  # noqa: BLE001 - any failure is the page's, reported to the build
        reply["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        state.restore()
        forget_package()
    reply["seconds"] = time.perf_counter() - start
    return reply


def serve(inbox: Connection, outbox: Connection) -> None:
    """Warm up, then execute the pages the build sends until it closes the connection."""
    valid = warm_up()
    while True:
        try:
            job = inbox.recv()
        except EOFError:
            return
        outbox.send(run_page(job, valid))


# -------------------------------------------------------------------------------------------------
# Build side
# -------------------------------------------------------------------------------------------------


@dataclass
class Worker:
    process: subprocess.Popen
    inbox: Connection  # the build sends jobs here
    outbox: Connection  # and reads replies here
    job: dict | None = None
    deadline: float = 0.0

    @classmethod
    def start(cls, env: dict[str, str], cwd: Path) -> Worker:
        job_read, job_write = os.pipe()
        reply_read, reply_write = os.pipe()
        process = subprocess.Popen(
            [sys.executable, "-m", "distillbook.publish.warm", str(job_read), str(reply_write)],
            env=env,
            cwd=cwd,
            pass_fds=(job_read, reply_write),
            stdin=subprocess.DEVNULL,
        )
        os.close(job_read)
        os.close(reply_write)
        return cls(process, Connection(job_write, readable=False), Connection(reply_read, writable=False))

    def stop(self, kill: bool = False) -> None:
        self.inbox.close()
        if kill:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.outbox.close()


@dataclass
class Failure:
    """A page the workers could not execute: left to the build."""

    page: str
    reason: str


class WarmPool:
    """``size`` warm workers started in ``env`` (the environment kernels get). :meth:`run`
    executes jobs (``{"page", "notebook", "timeout"}``) and yields each reply (a dict) or
    :class:`Failure` as it arrives. A worker that dies or hangs costs only its current page: it is
    replaced and the other pages go on."""

    def __init__(self, size: int, env: dict[str, str], cwd: Path):
        self.size, self.env, self.cwd = size, env, cwd
        self.workers: list[Worker] = []

    def __enter__(self) -> WarmPool:
        self.workers = [Worker.start(self.env, self.cwd) for _ in range(self.size)]
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            worker.stop()

    def _retire(self, worker: Worker, replace: bool) -> None:
        """Stop a worker that died or hangs; start another in its place if pages remain."""
        worker.job = None
        worker.stop(kill=True)
        if replace:
            self.workers[self.workers.index(worker)] = Worker.start(self.env, self.cwd)
        else:
            self.workers.remove(worker)

    def run(self, jobs: list[dict], warm_up_seconds: float = 120.0) -> Iterator[dict | Failure]:
        pending = deque(jobs)
        while pending or any(w.job for w in self.workers):
            for worker in self.workers:
                if worker.job is None and pending:
                    worker.job = pending.popleft()
                    limit = (worker.job.get("timeout") or 600) * max(1, worker.job.get("cells", 1))
                    worker.deadline = time.monotonic() + limit + warm_up_seconds
                    worker.inbox.send(worker.job)
            busy = [w for w in self.workers if w.job]
            ready = wait([w.outbox for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - time.monotonic()))
            for worker in busy:
                job = worker.job
                if worker.outbox in ready:
                    try:
                        reply = worker.outbox.recv()
                    except (EOFError, OSError):
                        code = worker.process.wait()
                        self._retire(worker, bool(pending))
                        yield Failure(job["page"], f"WorkerDied: the worker executing it exited with code {code}")
                        continue
                    worker.job = None
                    yield reply
                elif time.monotonic() > worker.deadline:
                    self._retire(worker, bool(pending))
                    yield Failure(job["page"], "TimeoutError: the worker executing it stopped answering")


def _main(argv: list[str]) -> None:
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    serve(inbox, outbox)
    # Every reply is sent: leave without tearing down thousands of modules one by one (a second
    # or more that the build would wait for).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    _main(sys.argv[1:])
