#!/usr/bin/env python3
"""Generates a crisis document for benchmarking `paraat deploy` from a demo register.

Usage: bench/crisis_generator.py GOODS REGIONS SEED   (reads stock.csv, writes crisis-GxR.json)

stock.csv is `paraat stock --format csv`. The GOODS most-held goods are requested by REGIONS
regions drawn with SEED, each asking for 1/8 to 1/30 of its even share of the EU stock, due in
48 hours; every national depot outside them offers half of what it holds and keeps a quarter.
See docs/BENCHMARKS.md.
"""
import csv, json, random, sys
goods_n, regions_n, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
stock = {}
for r in csv.DictReader(open("stock.csv")):
    if r["status"] != "available" or r["expired"] == "true":
        continue
    stock.setdefault((r["depot"], r["region"], r["good"]), 0)
    stock[(r["depot"], r["region"], r["good"])] += int(r["quantity"])
goods = sorted({g for (_, _, g) in stock})
held = {g: sum(q for (d, _, gg), q in stock.items() if gg == g) for g in goods}
goods = sorted(goods, key=lambda g: -held[g])[:goods_n]
regions = sorted({r for (_, r, _) in stock})
affected = rnd.sample(regions, regions_n)
crisis = {"id": f"bench-{goods_n}x{regions_n}", "start": "2026-12-05T06:00:00Z", "use_window_days": 30,
          "requests": [], "offers": []}
for g in goods:
    total = held[g]
    for r in affected:
        crisis["requests"].append({"id": f"{r}-{g}", "region": r, "good": g,
                                   "quantity": max(1, total // (regions_n * rnd.randint(8, 30))),
                                   "needed_by": "2026-12-07T06:00:00Z", "priority": rnd.randint(1, 5)})
    for (d, r, gg), q in sorted(stock.items()):
        if gg == g and r not in affected and q > 1 and d.split("-")[1] == "NAT":
            crisis["offers"].append({"id": f"{d}-{g}", "depot": d, "good": g, "quantity": q // 2, "keep": q // 4})
json.dump(crisis, open(f"crisis-{goods_n}x{regions_n}.json", "w"), indent=0)
print(len(crisis["requests"]), "requests", len(crisis["offers"]), "offers")
