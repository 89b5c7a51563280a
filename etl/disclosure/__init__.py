"""Disclosure control: which counts Kompas may show, decided once per build.

system.py (the equations between everything published) -> selection.py (primary and
secondary cells) -> audit.py (the attacker's LP ranges) -> published.py (marts.published_values).
"""
