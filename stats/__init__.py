"""Statistics shared by the ETL and the dashboard: intervals, funnel limits, changes.

One implementation of each method lives here; `etl/` and `dashboard/` both import it, so the
numbers the build publishes and the numbers the pages draw come from the same code.
"""
