"""Cijfers inleveren (`/opgave?token=...`, not in the menu): a member organisation's page of the
uitvraag, opened by its personal link; anything but a valid link gets one generic refusal."""

from __future__ import annotations

import streamlit as st

from dashboard import opgave_view
from dashboard.texts import opgave as text

st.title(text.TITLE)
opgave_view.show()
