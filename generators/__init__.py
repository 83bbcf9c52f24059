"""Validate the YAML records under ``data/`` and turn them into Markdown pages under ``content/``.

Stages, one package each, imports pointing down only: :mod:`load` → :mod:`model` → :mod:`views`
→ :mod:`render` → :mod:`build`; :mod:`pipeline` runs the checks, :mod:`cli` and :mod:`tools`
are the commands. See README, "Architecture".
"""
