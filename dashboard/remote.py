"""Who is asking: the client the uitvraag's slowdown counts wrong secrets and passwords for."""

from __future__ import annotations

import streamlit as st

#: The client of every connection Streamlit names no address for.
UNKNOWN = "onbekend"


def client() -> str:
    """The remote address of this browser session. Streamlit gives none for a loopback
    connection (a local browser, or a proxy on the same machine such as the room's): those all
    count as one client, 'onbekend', so a guesser there slows down everyone behind it (never
    beyond the slowdown's 30 s), the safe side."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else UNKNOWN
