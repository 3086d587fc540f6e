"""Link: give rows about the same risk in different reports of one board the same risk_key."""
from ikextract.link.keys import LINK_THRESHOLD, assign_risk_keys, risk_label

__all__ = ["assign_risk_keys", "risk_label", "LINK_THRESHOLD"]
