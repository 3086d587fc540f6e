"""LinkIndex: the risks of every board seen so far, kept in memory through a batch.

    index = LinkIndex.from_store(out_dir)     # reads the stored controls once
    for report in reports_as_they_finish:     # any order
        index.forget(old_report_id)           # if it replaces a stored version of its file
        index.assign(report)                  # sets row.risk_key on every row, adds them
        store.write_report(out_dir, report, version)

How a report is linked (see keys.py for the threshold and its calibration):
- Candidates are the keys of the report's board only: its organisation, and its municipality
  or none. A report that names no municipality belongs to the one municipality's board of
  that organisation when exactly one is stored, and says so in a warning; with several it
  links only to other reports without a municipality (and the warning says why).
- Each row is scored against each candidate key: the best row_similarity with any row of
  that key (any year, any other report). A one-to-one assignment
  (scipy.optimize.linear_sum_assignment over a steep power of each pair's margin above the
  threshold, so clear matches win over many middling ones) then gives each row at most one
  key and each key at most one row of the report: a risk appears once per report and two
  risks of one report never share a key. A pair below the threshold is no link; a row left
  without a key starts a new one. A report assigned again (same report_id) first gets back
  the old key of every row whose text is unchanged.
- Keys already given are never changed: a further year only joins existing keys or adds
  new ones. The score of a row against a key is its best match with any member, whatever
  order the members came in, so one run, two halves or reverse order give the same grouping
  wherever every two rows of a risk clear the threshold. A risk reworded so much between its
  first and last year that only a middle year joins them may be grouped by the order the
  years arrive in (the middle year last finds two keys and joins one). Key names always
  depend on which row came first: compare groupings, not names, across runs.
- Cost per report: flat in the size of the archive, and within its board only pairs that
  can link are scored: a row is compared with each distinct text of the board's rows whose
  main text shares enough weight of concepts with its own (exactly or softly, counted from
  an inverted index per call; similarity.score_bound), once however many keys and years
  hold that text, and soft matches look only at each concept's neighbours (SoftNeighbours,
  per board). Every other pair scores below the threshold whatever it is, so the keys are
  those of scoring every pair (tests/link/test_index.py).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional, Union

import numpy as np

from ikextract.link.board import Board, Key, Member, norm, row_text_of, slug
from ikextract.link.scoring import assign_pairs, score_candidates
from ikextract.link.similarity import RowText, row_text
from ikextract.model import Report

# Calibrated on tests/fixtures/link (see keys.py: LINK_THRESHOLD's docstring has the figures).
DEFAULT_THRESHOLD = 0.50
CONTENT_SLUG_WORDS = 4
CONTENT_SLUG_CHARS = 40

# Columns of the stored controls the index reads.
INDEX_COLUMNS = ["report_id", "seq", "organisation", "municipality", "year", "area", "number",
                 "process", "risk", "control", "result", "comment", "risk_key"]


class LinkIndex:
    """Risk keys per board, for linking one report at a time (see the module doc)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self._boards: dict[str, Board] = defaultdict(Board)
        self._taken: set[str] = set()
        self._report_board: dict[str, str] = {}
        # Forgotten reports' keys by row text, until a new version of the report arrives:
        # report_id -> (organisation, years, {row text: [keys]}).
        self._forgotten: dict[str, tuple[str, frozenset, dict]] = {}

    # ------------------------------------------------------------ building

    @classmethod
    def from_store(cls, out_dir: Union[str, Path], threshold: float = DEFAULT_THRESHOLD
                   ) -> "LinkIndex":
        """The index of every row stored in a processed folder (read once)."""
        from ikextract.store import read_dataset
        path = Path(out_dir)
        index = cls(threshold)
        if not (path / "controls").is_dir():
            return index
        table = read_dataset(path, "controls", INDEX_COLUMNS)
        index.add_records(table.to_pylist())
        return index

    @classmethod
    def from_table(cls, table, threshold: float = DEFAULT_THRESHOLD,
                   organisations: Optional[set[str]] = None) -> "LinkIndex":
        """The index of stored rows given as a pyarrow Table (columns as INDEX_COLUMNS; area,
        number, result and comment optional). organisations: folded names to keep."""
        index = cls(threshold)
        if table is None or table.num_rows == 0:
            return index
        records = table.to_pylist()
        if organisations is not None:
            records = [r for r in records if norm(r.get("organisation")) in organisations]
        index.add_records(records)
        return index

    def add_records(self, records: Iterable[dict]) -> None:
        """Add stored rows (dicts with INDEX_COLUMNS) under the keys they already have."""
        # A fixed order, so the index is the same whatever order the files were listed in.
        for rec in sorted(records, key=lambda r: (r.get("report_id") or "", r.get("seq") or 0)):
            key = rec.get("risk_key")
            if not key:
                continue
            org, muni = norm(rec.get("organisation")), norm(rec.get("municipality"))
            rid = rec.get("report_id") or ""
            board = self._boards[org]
            entry = board.keys.get(key)
            if entry is None:
                entry = board.keys[key] = Key(key, muni)
            elif muni and not entry.municipality:
                entry.municipality = muni
            board.add_member(entry, Member(rid, rec.get("year"), row_text_of(rec),
                                            rec.get("seq") or 0))
            board.reports[rid] = muni
            board.names.setdefault(muni, rec.get("municipality") or "")
            self._report_board[rid] = org
            self._taken.add(key)

    # ------------------------------------------------------------ linking

    def __contains__(self, report_id: str) -> bool:
        return report_id in self._report_board

    def __len__(self) -> int:
        return len(self._report_board)

    def assign(self, report: Report) -> list[str]:
        """Set risk_key on every row of `report` (in place), add its rows to the index and
        return the keys in row order. A report already in the index (same report_id) is
        linked again from scratch and gets its old keys back where its rows are unchanged."""
        org = norm(report.meta.organisation)
        if report.report_id in self._report_board:
            self.forget(report.report_id)
        previous = self._previous_version(report, org)
        board = self._boards[org]
        muni, note = self._municipality(board, report)
        if note and note not in report.warnings:
            report.warnings.append(note)
        known = board.municipalities()
        candidates = [k for k in sorted(board.keys)
                      if self._open_to(board, board.keys[k], muni, known)]
        texts = [row_text(r.process, r.risk, r.control, r.number, r.area,
                          " ".join(t for t in (r.result, r.comment) if t) or None)
                 for r in report.controls]
        year = report.meta.year
        keys: list[Optional[str]] = [None] * len(texts)
        # The same report again (the same bytes under another path, or --force): each row
        # whose text is unchanged gets its old key back, whatever else was linked since.
        for i, t in enumerate(texts):
            queue = previous.get(t)
            while queue and keys[i] is None:
                key = queue.pop(0)
                if key in board.keys and key not in keys:
                    keys[i] = key
        open_rows = [i for i, k in enumerate(keys) if k is None]
        candidates = [k for k in candidates if k not in keys]
        if candidates and open_rows:
            scores = self._scores(board, candidates, [texts[i] for i in open_rows], year)
            for i, key in zip(open_rows, self._assign(scores, candidates)):
                keys[i] = key
        out = []
        for i, row in enumerate(report.controls):
            key = keys[i]
            if key is None:
                key = self._new_key(report.meta.organisation, muni, texts[i], report.report_id, i)
                board.keys[key] = Key(key, muni)
            entry = board.keys[key]
            if not entry.live():
                entry.members = []                 # its ghosts are replaced by this row
            if muni and not entry.municipality:
                entry.municipality = muni
            board.add_member(entry, Member(report.report_id, year, texts[i], i + 1))
            self._taken.add(key)
            row.risk_key = key
            out.append(key)
        board.reports[report.report_id] = muni
        if report.meta.municipality:
            board.names.setdefault(muni, report.meta.municipality)
        self._report_board[report.report_id] = org
        return out

    def _scores(self, board: Board, candidates: list[str], rows: list[RowText],
                year: Optional[int]) -> np.ndarray:
        return score_candidates(board, candidates, rows, year, self.threshold)

    def _assign(self, scores: np.ndarray, candidates: list[str]) -> list[Optional[str]]:
        return assign_pairs(scores, candidates, self.threshold)

    def _keys_of(self, report_id: str) -> dict[RowText, list[str]]:
        """The keys a report's rows hold in the index, by row text, in row order."""
        org = self._report_board.get(report_id)
        if org is None:
            return {}
        found = []
        for key, entry in self._boards[org].keys.items():
            for m in entry.members:
                if m.report_id == report_id and not m.ghost:
                    found.append((m.seq, key, m.text))
        out: dict[RowText, list[str]] = {}
        for _, key, text in sorted(found, key=lambda f: (f[0], f[1])):
            out.setdefault(text, []).append(key)
        return out

    def _previous_version(self, report: Report, org: str) -> dict[RowText, list[str]]:
        """The keys of the version of this report forgotten just before: the same report_id
        (assigned again), else forgotten reports of the same board and year (a changed file
        replacing its old version). Each is used once."""
        hit = self._forgotten.pop(report.report_id, None)
        if hit is not None:
            return hit[2]
        merged: dict[RowText, list[str]] = {}
        for rid, (o, years, mapping) in list(self._forgotten.items()):
            if o == org and report.meta.year in years:
                del self._forgotten[rid]
                for text, keys in mapping.items():
                    merged.setdefault(text, []).extend(keys)
        return merged

    def forget(self, report_id: str) -> None:
        """Take a report's rows out of the index (its file was replaced or removed). The next
        report of the same board and year to be assigned (its new version) first gets the
        forgotten rows' keys wherever a row's text is unchanged; a key held by no other
        report keeps the forgotten rows as ghosts, so reworded rows of the new version can
        still find it. Ghosts never make a key open to more rows."""
        org = self._report_board.get(report_id)
        if org is None:
            return
        mapping = self._keys_of(report_id)
        years = frozenset(m.year for e in self._boards[org].keys.values() for m in e.members
                          if m.report_id == report_id and not m.ghost)
        self._forgotten[report_id] = (org, years, mapping)
        del self._report_board[report_id]
        board = self._boards[org]
        board.reports.pop(report_id, None)
        for entry in board.keys.values():
            if any(m.report_id == report_id for m in entry.members):
                rest = [m for m in entry.members if m.report_id != report_id and not m.ghost]
                if rest:
                    entry.members = rest
                else:
                    for m in entry.members:
                        m.ghost = True

    # ------------------------------------------------------------ boards and names

    def _municipality(self, board: Board, report: Report) -> tuple[str, Optional[str]]:
        """The municipality a report is linked under, and a warning where it is inferred."""
        muni = norm(report.meta.municipality)
        if muni:
            return muni, None
        known = board.municipalities()
        org = report.meta.organisation or "(ingen nämnd)"
        if len(known) == 1:
            only = next(iter(known))
            shown = board.names.get(only) or only
            return only, (f"municipality not named in the report; its risks are linked with "
                          f"those of {org}, {shown}, the only board of that name stored")
        if len(known) > 1:
            return "", (f"municipality not named in the report and {len(known)} boards named "
                        f"{org} are stored; its risks are not linked with theirs")
        return "", (f"municipality not named in the report; its risks are linked with those "
                    f"of any one {org} ingested later, while nothing contradicts it")

    @staticmethod
    def _open_to(board: Board, entry: Key, muni: str, known: Optional[set] = None) -> bool:
        if entry.municipality == muni:
            return True
        known = board.municipalities() if known is None else known
        if not entry.municipality:            # a key of reports without a municipality
            return len(known | ({muni} if muni else set())) <= 1
        return not muni and known == {entry.municipality}

    def _new_key(self, organisation: Optional[str], muni: str, text: RowText, report_id: str,
                 i: int) -> str:
        words = list(text.main.concepts)
        topic = [c for c, w in zip(text.main.concepts, text.main.weights) if w >= 1.0] or words
        content = ""
        for w in topic[:CONTENT_SLUG_WORDS]:
            nxt = f"{content}-{slug(w)}" if content else slug(w)
            if len(nxt) > CONTENT_SLUG_CHARS:
                break
            content = nxt
        prefix = f"{slug(organisation, 30) or 'okand'}-{slug(muni, 30) or 'x'}-{content or 'rad'}"
        seed = f"{norm(organisation)}|{muni}|{' '.join(words) or f'{report_id}:{i + 1}'}"
        n = 0
        while True:
            digest = hashlib.sha1((f"{seed}#{n}" if n else seed).encode()).hexdigest()[:6]
            key = f"{prefix}-{digest}"
            if key not in self._taken:
                return key
            n += 1


def first_link_note(report: Report) -> Optional[str]:
    """The warning assign gives `report` while nothing of its board is stored yet (what a
    worker can foresee before the report is linked; store.prepared)."""
    return LinkIndex()._municipality(Board(), report)[1]
