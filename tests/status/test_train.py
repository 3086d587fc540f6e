"""train-status is deterministic and never trains on held-out sentences."""
from click.testing import CliRunner

from ikextract.status.cli import train_status_command
from ikextract.status.train import read_labelled, split


def test_held_out_split_is_disjoint_and_nonempty():
    rows = read_labelled()
    train, held = split(rows)
    assert held and train
    assert not {r.text for r in train} & {r.text for r in held}
    assert all(r.source for r in rows)


def test_train_status_twice_gives_the_same_bytes(tmp_path):
    runner = CliRunner()
    for name in ("a", "b"):
        out = runner.invoke(train_status_command, ["--out", str(tmp_path / name), "--seed", "3"])
        assert out.exit_code == 0, out.output
    a = (tmp_path / "a" / "textcat" / "model").read_bytes()
    b = (tmp_path / "b" / "textcat" / "model").read_bytes()
    assert a == b
    assert (tmp_path / "a" / "training.json").read_bytes() == (tmp_path / "b" / "training.json").read_bytes()
