"""Stage 1, load: what comes in. YAML files under ``data/`` in; plain documents out, every scalar
a string with its line and column kept (``document``), plus the as-of day (``clock``) and the
error report that every later stage adds to (``errors``). Nothing here knows a record type.
"""
