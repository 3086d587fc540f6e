"""What the PDF word sources share: errors named for the user, bold fonts by name."""
from __future__ import annotations

import re
from pathlib import Path

from ikextract.model import ExtractionError

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def corrupt_page(number: int, exc: BaseException) -> ExtractionError:
    return ExtractionError(f"corrupt PDF: page {number} cannot be parsed ({describe(exc)})",
                           error_type="CorruptFile")


def open_error(path: Path, exc: BaseException) -> ExtractionError:
    """The error to report for a PDF that would not open: encrypted, or corrupt."""
    if isinstance(exc, ExtractionError):
        return exc
    chain, seen = [exc], exc
    while seen is not None:
        nxt = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        nxt = nxt or seen.__cause__ or seen.__context__
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
        seen = nxt
    names = " ".join(type(e).__name__ for e in chain)
    text = " ".join(str(e) for e in chain).lower()
    if "Password" in names or "Encrypt" in names or "password" in text:
        return ExtractionError("encrypted PDF: it needs a password to be read",
                               error_type="Encrypted")
    return ExtractionError(f"corrupt PDF: cannot be parsed ({describe(exc)})",
                           error_type="CorruptFile")
