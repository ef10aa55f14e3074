# An independent computation of the program report's statistics, written from the papers' formulas
# (Wilson 1927; Newcombe 1998, method 10 for independent and for paired proportions) and scipy's
# Fisher exact test. Reads a JSON file, writes a JSON file; the tests compare to 1e-9.
import json, math, sys
from scipy.stats import fisher_exact

Z = 1.959963984540054

def wilson(x, n):
    p = x / n
    centre = (2 * n * p + Z * Z) / (2 * (n + Z * Z))
    half = Z * math.sqrt(Z * Z + 4 * n * p * (1 - p)) / (2 * (n + Z * Z))
    return [centre - half, centre + half]

def newcombe(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1)
    l2, u2 = wilson(x2, n2)
    d = p1 - p2
    return [d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)]

def newcombe_paired(a, b, c, d):
    n = a + b + c + d
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = wilson(a + b, n)
    l2, u2 = wilson(a + c, n)
    den = (a + b) * (c + d) * (a + c) * (b + d)
    phi = 0.0 if den == 0 else (a * d - b * c) / math.sqrt(den)
    diff = (b - c) / n
    dl = (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2
    du = (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2
    return [diff - math.sqrt(max(0.0, dl)), diff + math.sqrt(max(0.0, du))]

def gini(values):
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return None
    return sum(abs(x - y) for x in values for y in values) / (2 * n * n * (total / n))

def fisher(a, b, c, d):
    return float(fisher_exact([[a, b], [c, d]], alternative="two-sided")[1])

def group(people, k, base):
    n = len(people)
    if n < k:
        return {"hidden": True}
    stayed = sum(1 for p in people if not p["left"])
    out = {"hidden": False, "n": n, "stayed": stayed, "rate": stayed / n, "ci95": wilson(stayed, n)}
    if base is not None:
        bn, bs = base
        out["difference"] = {"value": stayed / n - bs / bn, "ci95": newcombe(stayed, n, bs, bn)}
        out["pValue"] = fisher(stayed, n - stayed, bs, bn - bs)
    return out

def hide(sizes, k):
    hidden = [s < k for s in sizes]
    if sum(hidden) == 1 and len(sizes) > 1:
        shown = sorted((s, i) for i, s in enumerate(sizes) if not hidden[i])
        hidden[shown[0][1]] = True
    return hidden

def report(spec):
    k, junior_max = spec["k"], spec["juniorMaxLevel"]
    people = spec["people"]
    for p in people:
        p["left"] = (not p["active"]) or str(p.get("attrition") or "").strip().lower() in ("yes", "true", "1")
    roles = {}
    for e in spec["enrolled"]:
        roles.setdefault(e["role"], set()).add(e["personId"])
    enrolled = set().union(*roles.values()) if roles else set()
    juniors = [p for p in people if p["active"] and p["level"] <= junior_max]
    others = [p for p in people if p["id"] not in enrolled]
    bn, bs = len(others), sum(1 for p in others if not p["left"])
    base = (bn, bs) if bn >= k else None
    by_id = {p["id"]: p for p in people}
    out = {
        "juniors": len(juniors),
        "enrolled": sum(1 for p in juniors if p["id"] in enrolled),
        "nonParticipants": group(others, k, None),
    }
    for role, name in (("mentee", "mentees"), ("mentor", "mentors"), ("participant", "participants")):
        out[name] = group([by_id[i] for i in sorted(roles.get(role, set()))], k, base)
    segments = []
    for by in ("department", "office", "level"):
        counts = {}
        for p in juniors:
            v = p[by]
            v = None if v is None else str(v)
            counts[v] = counts.get(v, 0) + 1
        values = sorted(counts, key=lambda v: (v is not None, v or ""))
        flags = hide([counts[v] for v in values], k)
        segments += [{"by": by, "value": v, "hidden": h, "juniors": None if h else counts[v]} for v, h in zip(values, flags)]
    out["segments"] = segments
    return out

spec = json.load(open(sys.argv[1]))
result = {}
if "tables" in spec:
    result["tables"] = [{
        "wilson": wilson(a, a + b) if a + b > 0 else None,
        "newcombe": newcombe(a, a + b, c, c + d) if a + b > 0 and c + d > 0 else None,
        "paired": newcombe_paired(a, b, c, d) if a + b + c + d > 0 else None,
        "fisher": fisher(a, b, c, d),
    } for a, b, c, d in spec["tables"]]
    result["gini"] = [gini(v) for v in spec["gini"]]
if "people" in spec:
    result["report"] = report(spec)
json.dump(result, open(sys.argv[2], "w"))
