"""What LinkIndex keeps per board: its keys, each key's member rows, and the folded names
boards and keys are compared and named by."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ikextract.link.similarity import RowText, SoftNeighbours, row_text
from ikextract.link.words import fold


@lru_cache(maxsize=65536)
def norm(text: Optional[str]) -> str:
    """A board name compared: folded, punctuation and spacing ignored ("Barn- och
    utbildningsnämnden" and "Barn och utbildningsnämnden" are one board)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text or "")).split())


@lru_cache(maxsize=65536)
def slug(text: Optional[str], max_chars: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text or "")).strip("-")
    return s[:max_chars].rstrip("-")


@dataclass
class Member:
    report_id: str
    year: Optional[int]
    text: RowText
    seq: int = 0             # 1-based row of its report
    ghost: bool = False      # its report was forgotten; kept so a new version gets the key


@dataclass
class Key:
    key: str
    municipality: str                      # folded; "" while only reports without one hold it
    members: list[Member] = field(default_factory=list)

    def live(self) -> list[Member]:
        return [m for m in self.members if not m.ghost]


@dataclass
class Board:
    """All keys of one organisation (folded), across its municipalities."""
    keys: dict[str, Key] = field(default_factory=dict)
    reports: dict[str, str] = field(default_factory=dict)   # report_id -> municipality
    names: dict[str, str] = field(default_factory=dict)     # folded municipality -> as printed
    # The concepts of its rows and their soft neighbours, made when a report of the board is
    # first linked (boards a batch never touches cost nothing), then kept up to date.
    soft: Optional[SoftNeighbours] = None

    def municipalities(self) -> set[str]:
        return {m for m in self.reports.values() if m}

    def add_member(self, entry: "Key", member: "Member") -> None:
        entry.members.append(member)
        if self.soft is not None:
            self.soft.add_text(member.text)

    def neighbours(self) -> SoftNeighbours:
        if self.soft is None:
            self.soft = SoftNeighbours()
            for entry in self.keys.values():
                for m in entry.members:
                    self.soft.add_text(m.text)
        return self.soft


def row_text_of(rec: dict) -> RowText:
    cue = " ".join(t for t in (rec.get("result"), rec.get("comment")) if t) or None
    return row_text(rec.get("process"), rec.get("risk"), rec.get("control"), rec.get("number"),
                    rec.get("area"), cue)
