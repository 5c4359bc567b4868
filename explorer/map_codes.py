"""Prints, as JSON, the LAC countries and first-level subdivisions that `db init` loads
(loaders.reference_data) and, for every lower ISO 3166-2 subdivision of those countries,
the first-level one it lies in: build_map.mjs matches the boundaries to these codes."""

import json

import pycountry

from loaders.reference_data import subdivision_rows


def main() -> None:
    rows = subdivision_rows()
    countries = [r["code"] for r in rows if r["props"]["level"] == "COUNTRY"]
    parents: dict[str, str] = {}
    for country in countries:
        for sub in pycountry.subdivisions.get(country_code=country) or []:  # type: ignore[no-untyped-call]
            if sub.parent_code is not None:
                parents[sub.code] = sub.parent_code
    print(json.dumps({
        "countries": countries,
        "regions": {r["code"]: r["props"]["name"] for r in rows
                    if r["props"]["level"] == "REGION"},
        "parents": parents,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
