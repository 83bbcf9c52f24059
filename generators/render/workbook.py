"""Excel workbooks with the same bytes for the same input: openpyxl stamps the save time into
``docProps/core.xml`` and every zip entry; both are set to the as-of day here, so a site build
(and a template) stays byte-reproducible."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook


def xlsx_bytes(workbook: Workbook, day: dt.date) -> bytes:
    stamp = dt.datetime.combine(day, dt.time())
    workbook.properties.creator = "generators"
    workbook.properties.created = stamp
    raw = io.BytesIO()
    workbook.save(raw)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl.save() sets ``modified`` to the wall clock whatever we set before.
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(),
                              data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
