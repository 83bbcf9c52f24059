"""Stage 2, the record model: documents in; typed, cross-checked records (a ``Dataset``) out.

``fields`` and ``schedule`` are the field types, ``types/`` holds one module per record type
(found automatically), ``validate`` runs the models and the checks across records, ``policy``
is the privacy rule, ``jsonschema`` and ``stub`` describe the models to editors and staff.
"""
