"""Workshop: a participant joins a session with the trainer's code and works through its steps."""

from __future__ import annotations

import streamlit as st

from dashboard.texts import workshop as text
from workshop import participant_view

st.title(text.TITLE)
participant_view.show()
