"""Kompas's server entry: `streamlit run serve.py` serves the app (app.py) with one addition.

Streamlit leaves a nested unknown address (`/overzicht/iets`) blank, with no setting to change
that; the middleware of `dashboard.nested_paths` sends it to the Dutch "page not found" page.

Everything else is app.py as `streamlit run app.py` serves it (same config, same pages).
"""

import streamlit as st
from starlette.middleware import Middleware

from dashboard.nested_paths import NestedUnknownPaths

app = st.App("app.py", middleware=[Middleware(NestedUnknownPaths)])
