"""The OCW table set: the fixed, numbered tables the bureau sends to the ministry of OCW, with
their verantwoording (PDF)."""
