"""Kompas for a room: several Streamlit processes behind HAProxy with cookie stickiness."""
