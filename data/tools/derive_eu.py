#!/usr/bin/env python3
"""Derive the bundled EU dataset (data/eu/*.csv) from the shared public data.

Usage: data/tools/derive_eu.py SHARED_DATA_DIR OUT_DIR

Only filters, renames and joins columns; no value is estimated. What each step keeps and drops
is described in data/SOURCES.md. Re-running it on the same input gives byte-identical output.
"""
import csv
import re
import sys
import unicodedata
from pathlib import Path

# English short names of the member states (Interinstitutional Style Guide, EU usage: EL = Greece).
COUNTRY_NAMES = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain",
    "FI": "Finland", "FR": "France", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland",
    "IT": "Italy", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta",
    "NL": "Netherlands", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SE": "Sweden",
    "SI": "Slovenia", "SK": "Slovakia",
}


# IANA time zone of each member state's regions, with the regions that keep another time.
COUNTRY_ZONES = {
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn", "EL": "Europe/Athens", "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki", "FR": "Europe/Paris", "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome", "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg", "LV": "Europe/Riga", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest", "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
}
REGION_ZONES = {
    "ES63": "Africa/Ceuta", "ES64": "Africa/Ceuta", "ES70": "Atlantic/Canary",
    "FI20": "Europe/Mariehamn", "FRY1": "America/Guadeloupe", "FRY2": "America/Martinique",
    "FRY3": "America/Cayenne", "FRY4": "Indian/Reunion", "FRY5": "Indian/Mayotte",
    "PT20": "Atlantic/Azores", "PT30": "Atlantic/Madeira",
}


# Why routes between regions may not use a link, by the link's ports or id: ports on an island
# of a NUTS-2 region with a mainland part, where no road joins the two (a ferry there reaches
# the island, not the region's mainland), and ferries that carry trains only.
ISLAND_PORTS = {"visby": "Gotland", "ronne": "Bornholm"}
TRAINS_ONLY = {"rail-ferry-villa-san-giovanni-messina": "RFI train ferries"}


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(src, out):
    src, out = Path(src), Path(out)
    out.mkdir(parents=True, exist_ok=True)

    regions = [r for r in read(src / "nuts/nuts2_regions_2024.csv") if r["eu27"] == "1"]
    regions.sort(key=lambda r: r["nuts_id"])
    write(out / "regions.csv",
          ["nuts_id", "country", "name", "label_lat", "label_lon", "area_km2", "timezone"],
          [[r["nuts_id"], r["cntr_code"], r["name_latn"], r["label_lat"], r["label_lon"],
            r["area_km2_20m"], REGION_ZONES.get(r["nuts_id"], COUNTRY_ZONES[r["cntr_code"]])]
           for r in regions])
    region_ids = {r["nuts_id"] for r in regions}

    pop = [p for p in read(src / "population/nuts_population_2024.csv")
           if p["eu27"] == "1" and p["nuts_level"] == "2"]
    pop.sort(key=lambda p: p["geo"])
    assert {p["geo"] for p in pop} == region_ids, "population and regions disagree"
    write(out / "population.csv",
          ["nuts_id", "year", "total", "under5", "over65"],
          [[p["geo"], p["year"], p["pop_total"], p["pop_under5"], p["pop_65plus"]] for p in pop])

    adj = [a for a in read(src / "nuts/nuts2_adjacency_2024.csv") if a["both_eu27"] == "1"]
    write(out / "adjacency.csv",
          ["region_a", "region_b", "shared_border_km"],
          [[a["nuts_a"], a["nuts_b"], a["shared_border_km_20m"]] for a in adj])

    oil = {o["geo"]: o for o in read(src / "stockpiles/eurostat_oil_emergency_stocks_days.csv")}
    assert set(oil) == set(COUNTRY_NAMES), "oil stock countries are not the EU-27"
    write(out / "countries.csv",
          ["code", "name", "oil_stock_days", "oil_stock_month"],
          [[c, COUNTRY_NAMES[c], oil[c]["days_latest"], oil[c]["latest_month"]]
           for c in sorted(COUNTRY_NAMES)])

    hosts = read(src / "stockpiles/resceu_stockpile_hosts.csv")
    write(out / "resceu_hosts.csv",
          ["country", "category", "announced", "source_url"],
          [[h["cntr_code"], h["resceu_category"], h["announced"], h["source_url"]] for h in hosts])

    links = [l for l in read(src / "transport/sea_and_fixed_links.csv")
             if l["from_nuts2"] in region_ids and l["to_nuts2"] in region_ids
             and l["from_nuts2"] != l["to_nuts2"]]
    rows = []
    for l in links:
        ports = [slug(l["from_port"]), slug(l["to_port"])]
        link_id = "-".join([l["mode"].replace("_", "-")] + ports)
        island = next((ISLAND_PORTS[p] for p in ports if p in ISLAND_PORTS), "")
        not_routed = (f"reaches {island}, an island no road joins to the rest of its region" if island
                      else f"carries trains only ({TRAINS_ONLY[link_id]})" if link_id in TRAINS_ONLY else "")
        rows.append([link_id, l["from_nuts2"], l["to_nuts2"], l["mode"], l["typical_crossing_hours"],
                     l["length_km"], l["service_status"], l["operator_or_link"], l["source"], not_routed])
    assert len({r[0] for r in rows}) == len(rows), "two transport links share an id"
    write(out / "transport_links.csv",
          ["id", "region_a", "region_b", "mode", "hours", "length_km", "status", "name", "source", "not_routed"],
          rows)


def slug(port):
    """The first place name of a port column, in lower-case ASCII: "Malmö (Lernacken)" -> "malmo"."""
    name = re.split(r" \(|,| /", port)[0]
    # Letters that are not an ASCII letter plus an accent, so NFKD would drop them.
    name = name.translate(str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l"}))
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
