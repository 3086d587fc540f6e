"""Logical tables: fragments of one table split over pages joined, repeated headers dropped
(ikextract.tables.join). Readers report only what is on each page."""
from ikextract.tables.join import join_tables

__all__ = ["join_tables"]
