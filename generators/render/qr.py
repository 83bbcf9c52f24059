"""QR codes for printed notices: a tour's or a place's page printed for the village notice board
carries a code that leads back to the always-current page (segno, SVG, no external service).
In a local preview the code leads to the local address, and every page says it is a preview."""

from __future__ import annotations

import functools
import io

from ..model.dataset import Dataset
from ..views.views import Views

OWNED = ("qr",)
KINDS = ("tour", "place")


def path(kind: str, record_id: str) -> str:
    return f"qr/{kind}-{record_id}.svg"


def produce(dataset: Dataset, views: Views) -> dict[str, bytes]:
    files = {}
    for kind in KINDS:
        for record in views.sorted(kind):
            url = dataset.address.page(views.url(kind, record.id).removesuffix(".md") + "/")
            files[path(kind, record.id)] = code(url)
    return files


@functools.lru_cache(maxsize=100_000)
def code(url: str) -> bytes:
    """The QR code of ``url`` as SVG. Choosing the best mask costs ~5 ms a code, so the live
    preview, which regenerates in one process, encodes each address once."""
    import segno  # imported when used: check never needs it

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False,
                                    title=f"二维码：{url}")
    return out.getvalue()
