"""Link: give rows about the same risk in different reports of one board the same risk_key.

LinkIndex (index.py) links one report at a time against the board's stored risks;
assign_risk_keys (keys.py) is the older batch entry point built on it.
"""
from ikextract.link.index import LinkIndex
from ikextract.link.keys import LINK_THRESHOLD, assign_risk_keys, risk_label

__all__ = ["LinkIndex", "assign_risk_keys", "risk_label", "LINK_THRESHOLD"]
