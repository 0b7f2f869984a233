"""Rewrite a dates.json in a compact, reviewable layout (one lexicon class per line, one example per line)."""
import json, sys

def dump(d):
    j = lambda x: json.dumps(x, ensure_ascii=False)
    out = ["{"]
    for k in ("lang", "version", "about"):
        out.append(f" {j(k)}: {j(d[k])},")
    out.append(f' "strip_prefix": {j(d["strip_prefix"])},')
    out.append(' "lexicon": {')
    cls = list(d["lexicon"].items())
    for i, (c, words) in enumerate(cls):
        out.append(f"  {j(c)}: {j(words)}" + ("," if i < len(cls) - 1 else ""))
    out.append(" },")
    out.append(' "vetoes": [')
    for i, v in enumerate(d.get("vetoes", [])):
        out.append(f"  {j(v)}" + ("," if i < len(d['vetoes']) - 1 else ""))
    out.append(" ],")
    out.append(' "rules": [')
    for i, r in enumerate(d["rules"]):
        head = {k: v for k, v in r.items() if k not in ("pattern", "examples")}
        out.append("  {" + j(head)[1:-1] + ",")
        out.append(f'   "pattern": {j(r["pattern"])},')
        out.append('   "examples": [')
        for k, ex in enumerate(r["examples"]):
            out.append(f"    {j(ex)}" + ("," if k < len(r["examples"]) - 1 else ""))
        out.append("   ]}" + ("," if i < len(d["rules"]) - 1 else ""))
    out.append(" ]")
    out.append("}")
    return "\n".join(out) + "\n"

for p in sys.argv[1:]:
    d = json.load(open(p))
    s = dump(d)
    assert json.loads(s) == d
    open(p, "w").write(s)
