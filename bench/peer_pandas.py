"""peer_pandas.py: the per-firm energy_tce of eca audit in pandas: each
quantity to its base unit (units.csv), to kgce with the carrier's
coefficient per base unit (carriers.csv), the flows signed as in the SPEC
(C + I + F - O - R), summed per firm for one reporting year. meters.csv is
read in chunks of 2 million rows with categorical text columns, as one
does for a file larger than memory.
Usage: python3 peer_pandas.py DIR FACTORS YEAR OUT"""
import sys

import pandas as pd

def main():
    data, factors, year, out = sys.argv[1:5]
    units = pd.read_csv(f"{factors}/units.csv", dtype=str)
    to_base = units.set_index("unit")["to_base"].astype(float)
    car = pd.read_csv(f"{factors}/carriers.csv", dtype=str)
    kgce = (car["kgce_per_unit"].astype(float).values
            / car["unit"].map(to_base).values)
    kgce = pd.Series(kgce, index=car["carrier"])
    sign = {"consume": 1.0, "convert_in": 1.0, "feedstock": 1.0,
            "convert_out": -1.0, "recovered": -1.0}
    cols = ["firm_id", "carrier", "flow", "period", "quantity", "unit"]
    types = {c: "category" for c in cols if c != "quantity"}
    types["quantity"] = "float64"
    total = None
    for ch in pd.read_csv(f"{data}/meters.csv", usecols=cols, dtype=types,
                          chunksize=2_000_000):
        per = ch["period"]
        in_year = per.cat.categories.str.startswith(year)
        ch = ch[in_year[per.cat.codes]]
        flow = ch["flow"].astype(object).fillna("consume")
        kg = (ch["quantity"].values
              * ch["unit"].astype(object).map(to_base).values
              * ch["carrier"].astype(object).map(kgce).values
              * flow.map(sign).values)
        part = pd.Series(kg, index=ch["firm_id"].astype(object)).groupby(level=0).sum()
        total = part if total is None else total.add(part, fill_value=0.0)
    with open(out, "w") as fp:
        fp.write("firm_id,energy_tce\n")
        for firm, v in (total / 1000).sort_index().items():
            fp.write(f"{firm},{v!r}\n")

if __name__ == "__main__":
    main()
