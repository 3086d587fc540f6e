"""The command line: parses arguments, runs a pipeline, reports. No extraction logic here."""
from __future__ import annotations

import json
import os
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path

import click

from ikextract import __version__

DEFAULT_OUT = "data/processed"
EXIT_FAILURES = 3


class _Commands(click.Group):
    """The top-level group. Commands that live next to their stage are imported only when
    asked for (or for --help), so `ikextract --version` and `ingest` start fast."""
    optional: list[tuple[str, tuple[str, ...]]] = []
    _loaded = False

    def _load_optional(self) -> None:
        if self._loaded:
            return
        type(self)._loaded = True
        import importlib
        for module, names in self.optional:
            try:
                mod = importlib.import_module(module)
            except ImportError:
                continue
            for name in names:
                command = getattr(mod, name, None)
                if command is not None and command.name not in self.commands:
                    self.add_command(command)

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_optional()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx):
        self._load_optional()
        return super().list_commands(ctx)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ikextract")
def main() -> None:
    """Swedish municipal internal-control reports (internkontrollrapporter) into Parquet."""


EXIT_INTERRUPTED = 128      # + the signal number, as a shell reports a killed command


@main.command()
@click.argument("src", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default=DEFAULT_OUT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Processed folder.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Parallel worker processes (default: one per core).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=300.0, show_default=True,
              help="Seconds one file may take; past it its worker is stopped and the file "
                   "is a failure.")
@click.option("--max-memory", type=click.IntRange(min=64), default=3072, show_default=True,
              help="Memory (MB) a worker may take on top of its start-up size.")
@click.option("--files-per-worker", type=click.IntRange(min=1), default=200,
              show_default=True, help="Files a worker reads before it is replaced.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on a Dask cluster instead of local workers (see README).")
@click.option("--pipeline", "pipeline_name", default="default", show_default=True,
              help="Pipeline from pipelines/ (default, nolink).")
@click.option("--force", is_flag=True, help="Re-extract files already ingested unchanged.")
@click.option("--retry-failed", is_flag=True,
              help="Try again files that failed before and have not changed since.")
@click.option("--word-source", default=None,
              help="PDF text-layer word source (pdfplumber, pdfium; default: the fastest).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="OCR pages: those without a usable text layer, all, none.")
@click.option("-q", "--quiet", is_flag=True, help="Only failures and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Every file and its warnings.")
def ingest(src, out_dir, workers, timeout, max_memory, files_per_worker, scheduler,
           pipeline_name, force, retry_failed, word_source, ocr, quiet, verbose) -> None:
    """Ingest report files or folders (searched recursively) into OUT."""
    from ikextract.pipeline import ingest as run_ingest, load_pipeline
    from ikextract.runner.progress import Progress
    from ikextract.runner.workers import Limits

    try:
        spec = with_read_options(load_pipeline(pipeline_name), word_source, ocr)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    missing = [str(s) for s in src if not os.path.lexists(s)]
    if missing and len(missing) == len(src):
        raise click.UsageError("no such file or folder: " + ", ".join(missing))
    limits = Limits(timeout=timeout, max_memory_mb=max_memory,
                    files_per_worker=files_per_worker)
    progress = Progress(quiet=quiet, verbose=verbose)
    summary = run_ingest(src, out_dir, workers=workers, spec=spec, force=force,
                         retry_failed=retry_failed, limits=limits, scheduler=scheduler,
                         progress=progress)
    if summary.store_error:
        click.echo(f"ikextract: {summary.store_error}", err=True)
    click.echo(summary.line())
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED + summary.interrupted)
    if summary.failures or summary.store_error:
        sys.exit(EXIT_FAILURES)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Rows and metadata as JSON.")
@click.option("--pipeline", "pipeline_name", default="default", show_default=True)
@click.option("--word-source", default=None, help="PDF text-layer word source.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True)
def show(file, as_json, pipeline_name, word_source, ocr) -> None:
    """Rows reconstructed from one report, for a person checking the extraction."""
    from ikextract.model import ExtractionError
    from ikextract.pipeline import extract_file, load_pipeline

    try:
        spec = with_read_options(load_pipeline(pipeline_name), word_source, ocr)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    try:
        report = extract_file(file, spec)
    except ExtractionError as exc:
        click.echo(f"ikextract: {file}: {exc} [{exc.stage}/{exc.error_type}]", err=True)
        sys.exit(EXIT_FAILURES)
    if as_json:
        click.echo(json.dumps(report_as_dict(report), ensure_ascii=False, indent=2))
        return
    click.echo(format_report(report))


def with_read_options(spec, word_source, ocr):
    """The pipeline with the user's read choices in its settings (validated here, so a
    wrong name is a usage error, not a failure per file)."""
    from dataclasses import replace
    from ikextract.read import OCR_MODES, WORD_SOURCES
    if word_source is not None and word_source not in WORD_SOURCES:
        raise ValueError(f"no word source '{word_source}' (have: {', '.join(WORD_SOURCES)})")
    if ocr not in OCR_MODES:
        raise ValueError(f"--ocr must be one of {', '.join(OCR_MODES)}")
    settings = dict(spec.settings)
    if word_source:
        settings["word_source"] = word_source
    settings["ocr"] = ocr
    return replace(spec, settings=settings)


def report_as_dict(report) -> dict:
    return {
        "report_id": report.report_id, "source_path": report.source_path,
        "source_format": report.source_format, "page_count": report.page_count,
        **asdict(report.meta), "warnings": report.warnings,
        "controls": [{"seq": i, **{k: v for k, v in asdict(r).items()}}
                     for i, r in enumerate(report.controls, 1)],
    }


def format_report(report) -> str:
    m = report.meta
    width = 100
    lines = [f"{report.source_path}  ({report.source_format}"
             + (f", {report.page_count} pages" if report.page_count else "") + ")",
             f"  title:        {m.title}", f"  organisation: {m.organisation}",
             f"  municipality: {m.municipality}", f"  year/period:  {m.year} / {m.period}",
             f"  diarienummer: {m.diarienummer}", f"  rows:         {len(report.controls)}"]
    for w in report.warnings:
        lines.append(f"  warning: {w}")
    from ikextract.model import ROW_FIELDS
    for i, row in enumerate(report.controls, 1):
        head = f"#{i}"
        if row.number:
            head += f"  nr {row.number}"
        head += f"  [{row.status} {row.status_confidence:.2f}]"
        if row.source_page:
            head += f"  page {row.source_page}"
        head += f"  table {row.source_table}"
        lines.append("")
        lines.append(head)
        for name in ROW_FIELDS:
            value = getattr(row, name)
            if value is None or name == "number":
                continue
            text = str(value).replace("\n", " ¶ ")
            wrapped = textwrap.wrap(text, width - 16) or [""]
            lines.append(f"  {name:<13} {wrapped[0]}")
            lines.extend(f"  {'':<13} {w}" for w in wrapped[1:])
        if row.status_evidence:
            lines.append(f"  {'evidence':<13} {row.status_evidence}")
    return "\n".join(lines)


def _register_optional_commands() -> None:
    """Commands that live next to their stage (status, evaluation, audit): module and
    command names, imported only when one of them is asked for (see _Commands)."""
    _Commands.optional = [
        ("ikextract.status.cli", ("classify_command", "train_status_command")),
        ("ikextract.evaluate", ("eval_command",)),
        ("ikextract.audit", ("recur_command", "trace_command", "report_command")),
        ("ikextract.review", ("review_command",)),
    ]


_register_optional_commands()

if __name__ == "__main__":
    main()
