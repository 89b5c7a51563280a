"""Benchmarks of Kompas: ETL build vs its read-and-parse floor, page runs vs an empty page, load.

Run with `python -m benchmarks`; see BENCHMARKS.md for the latest measured figures.
"""
