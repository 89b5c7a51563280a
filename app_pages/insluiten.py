"""Insluiten: one compact view of one region for another website's iframe (no navigation).

`/insluiten?regio=GM0363&indicator=vsv_pct&weergave=kerncijfers|trend|kaart&embed=true`; the
code to paste comes from the "Insluiten" button on Regioprofiel and Vergelijken.
"""

from __future__ import annotations

from dashboard import components, embed, embed_views, queries
from dashboard.texts import insluiten as text

notices: list[str] = []
region = embed.url_region(param="regio", notices=notices)
specs = queries.indicator_specs()
indicator = embed.url_choice(
    {key: spec.label for key, spec in specs.items()},
    param="indicator",
    what="de indicator",
    notices=notices,
)
view = embed.url_choice(text.VIEWS, param="weergave", what="de weergave", notices=notices)
components.show_notices(notices)
if region is not None:
    more = embed.full_view_url(embed.base_url(embed.PATH), region, indicator)
    embed_views.show(region, specs[indicator], view, more)
