"""Validate the YAML records under ``data/`` and turn them into Markdown pages under ``content/``.

Stages, one module each: :mod:`load` → :mod:`validate` → :mod:`generate` → :mod:`build`.
"""
