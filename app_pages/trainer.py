"""Trainer: start a workshop session, follow the answers live, lead the group, download answers."""

from __future__ import annotations

import streamlit as st

from workshop import trainer_view

st.title("Trainer")
trainer_view.show()
