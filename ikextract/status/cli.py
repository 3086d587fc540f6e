"""Click commands of the status stage; the main CLI registers them with main.add_command."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("classify")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
def classify_command(text: str, as_json: bool) -> None:
    """Print the status code, confidence and evidence for TEXT."""
    from .classify import classify_text

    d = classify_text(text)
    if as_json:
        click.echo(json.dumps({"code": d.code, "confidence": d.confidence,
                               "evidence": d.evidence}, ensure_ascii=False))
    else:
        click.echo(f"{d.code}\t{d.confidence:.2f}\t{d.evidence or ''}")


@click.command("train-status")
@click.option("--data", type=click.Path(exists=True, path_type=Path), default=None,
              help="Labelled TSV file or directory (default: ikextract/status/data).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the pipeline (default: models/status).")
@click.option("--seed", type=int, default=0, show_default=True)
def train_status_command(data, out, seed: int) -> None:
    """Rebuild the status classifier from the labelled sentences, deterministically."""
    from .train import train

    report = train(data=data, out=out, seed=seed)
    click.echo(f"trained on {report['train_sentences']} sentences "
               f"({report['train_examples']} examples), held out {report['held_out_sentences']}")
    click.echo(f"held-out accuracy of the classifier alone: {report['held_out_textcat_accuracy']}")
    click.echo(f"wrote {report['out']}")
