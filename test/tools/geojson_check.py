"""Independent validity check of territories.geojson with shapely (GEOS), not the export's code.

Usage: python3 geojson_check.py territories.geojson cells.json
cells.json: {"cells": [[ring, ...], ...]} — the unit cells the territories should cover.
Prints JSON: features, invalid (id + reason), overlapping pairs (interiors intersect, area in deg²),
the symmetric difference between the union of the features and the union of the cells.
"""
import json
import sys

from shapely import STRtree, make_valid, unary_union
from shapely.geometry import Polygon, shape
from shapely.validation import explain_validity

AREA_TOL = 1e-10  # deg² (~1 m²): shared edges in floating point

features = json.load(open(sys.argv[1]))["features"]
cells = json.load(open(sys.argv[2]))["cells"]
geoms, ids, invalid = [], [], []
for f in features:
    if f["geometry"] is None:
        continue
    g = shape(f["geometry"])
    if not g.is_valid:
        invalid.append([f["properties"]["territory"], explain_validity(g)])
        g = make_valid(g)
    geoms.append(g)
    ids.append(f["properties"]["territory"])

tree = STRtree(geoms)
overlaps = []
for i, j in zip(*tree.query(geoms, predicate="intersects")):
    if i < j:
        a = geoms[i].intersection(geoms[j]).area
        if a > AREA_TOL:
            overlaps.append([ids[i], ids[j], a])

cell_union = unary_union([make_valid(Polygon(r)) for rings in cells for r in rings if len(r) >= 4])
feature_union = unary_union(geoms)
diff = feature_union.symmetric_difference(cell_union).area
print(json.dumps({
    "features": len(features),
    "invalid": invalid,
    "overlaps": overlaps,
    "cells_area": cell_union.area,
    "features_area": feature_union.area,
    "symmetric_difference_area": diff,
}))
