"""The Regiorapport: one region's published figures as an accessible PDF (typst, SVG charts).

`reports.regiorapport.report_pdf(code)` is the one entry point (the command and the Regioprofiel
button use it): `reports.content` reads the figures through the query layer, `reports.svg`
draws the pages' chart figures, `reports.pdf` typesets the template `regiorapport.typ`. This
file imports nothing, so `python -m reports` can quiet Streamlit before the query layer loads.
"""
