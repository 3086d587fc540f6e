"""Text clean-up: whitespace, paragraphs, joining fragments, hyphenation, OCR repair."""
from pathlib import Path

# The Swedish hunspell dictionary shipped in the package (sv_SE.aff + sv_SE.dic, LGPL-3, see
# sv_SE.LICENSE.txt): the one word list every stage reads, so results never depend on what
# dictionaries a machine happens to have installed.
SWEDISH_DICTIONARY = Path(__file__).parent / "sv_SE"
