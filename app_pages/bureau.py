"""Het bureau (`/bureau`, not in the menu): the uitvraag's response, reminders, open questions and
closing the round, behind the password configured in Streamlit's secrets."""

from __future__ import annotations

import streamlit as st

from dashboard import bureau_view
from dashboard.texts import bureau as text

st.title(text.TITLE)
bureau_view.show()
