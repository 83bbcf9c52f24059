"""QR codes for printed notices point back at the page."""

from __future__ import annotations

import datetime as dt

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import SAMPLE_AS_OF, SAMPLE_DATA


def test_every_tour_and_place_has_a_qr_code_for_its_address() -> None:
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), ErrorReport())
    files = render_all(dataset)
    svg = files["qr/tour-2020-cunshe-r1.svg"]
    # Without SITE_URL the build is a local preview: the code leads to the local address.
    assert svg.startswith(b"<svg") and b"http://127.0.0.1:8000/tours/2020-cunshe-r1/" in svg
    assert sum(1 for path in files if path.startswith("qr/place-")) == len(dataset.records["place"])
