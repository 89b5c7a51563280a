"""Trainer: start a workshop session, follow the answers live, lead the group, download answers."""

from __future__ import annotations

import streamlit as st

from dashboard.texts import trainer as text
from workshop import trainer_view

st.title(text.TITLE)
trainer_view.show()
