"""Text clean-up: whitespace, paragraphs, joining fragments, hyphenation, OCR repair."""
