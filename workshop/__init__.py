"""Guided exercises: workshop files, feedback from the warehouse, the session store."""
