"""A data series as a bar chart and as a CSV file: geometry computed here so templates stay dumb.

Numbers in the geometry are plain floats; templates must print them unlocalised (`|unlocalize`),
because SVG attributes need a dot as decimal separator in every language.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation
from django.utils.text import slugify

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 600, 300, 10, 40, 30


def bar_chart(points):
    """Geometry of a bar chart of [(label, value)] in a 600×300 viewBox."""
    peak = max((value for _label, value in points), default=Decimal(1)) or Decimal(1)
    slot = (WIDTH - 2 * LEFT) / len(points)
    bar_width = slot * 0.6
    bars = []
    for position, (label, value) in enumerate(points):
        bar_height = float(value / peak) * (HEIGHT - BOTTOM - TOP) if value > 0 else 0
        x = LEFT + position * slot + (slot - bar_width) / 2
        bars.append(
            {
                "label": label,
                "value": value,
                "x": round(x, 1),
                "y": round(HEIGHT - BOTTOM - bar_height, 1),
                "width": round(bar_width, 1),
                "height": round(bar_height, 1),
                "centre": round(x + bar_width / 2, 1),
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "baseline": HEIGHT - BOTTOM, "bars": bars}


def series_csv_response(key, label_heading, unit, points):
    """The series as a CSV download named after its key and the active language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label_heading, unit])
    for label, value in points:
        writer.writerow([label, value])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(key)}-{translation.get_language()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
