"""The Dutch texts users read, kept apart from the code so they can be reviewed in one pass.

`verdicts` holds the one vocabulary of funnel verdicts (short and long form); one module per
page holds that page's fixed texts (titles, introductions, captions, button labels; `workshop`
and `trainer` also those of the views in the workshop package that build those pages). Sentences
built from figures live in `dashboard.narrative` and `dashboard.explore_tables`;
`tests/dashboard/texts/test_texts.py` scans all of them for the known grammar mistakes.
"""
