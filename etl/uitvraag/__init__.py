"""The uitvraag: the bureau's yearly collection round of members' verzuim figures.

A SQLite store (`store`) holds rounds, organisations, personal links (secrets hashed) and every
submission's exact bytes. Uploads are checked by the ETL's own template validation (`intake`)
and compared with last year (`plausibility`); the member confirms each questioned figure with
an explanation. `cli` is the command line; the bureau's page reaches the store through `bureau`
only, the member's page (`/opgave`) through `member` only.
"""
