"""Baseline for the page benchmark: the cheapest possible Streamlit page (only a title)."""

import streamlit as st

st.title("Leeg")
