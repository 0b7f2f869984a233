"""The evaluation gate: score the gold files we have and fail when a score drops
below its floor in eval-floors.json. Floors only move up (`--raise` writes the
current scores, rounded down, where they are higher); lowering one is a deliberate
edit of the file, said in the commit message.

    python -m veille.eval.gate            # check (exit 1 on regression)
    python -m veille.eval.gate --raise    # move floors up to the current scores
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from ..settings import load_settings
from .runner import evaluate

ROOT = Path(__file__).resolve().parents[3]
FLOORS = ROOT / "eval-floors.json"


def _measure(spec: dict, shared: Path) -> dict[str, float]:
    files = [str(shared / f) for f in spec.get("files", [])]
    result = evaluate(files, load_settings())
    if spec.get("timeml"):
        from .timeml import evaluate_timeml
        result.timeml = evaluate_timeml(str(shared / spec["timeml"]))
    report = result.as_dict()
    out = {}
    for metric in spec["floors"]:
        section, _, name = metric.partition(".")
        value = report.get(section) or {}
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        out[metric] = float(value) if value is not None else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raise", dest="raise_floors", action="store_true")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    config = json.loads(FLOORS.read_text("utf-8"))
    failed = False
    for name, spec in config["gates"].items():
        if not all((shared / f).exists() for f in [*spec.get("files", []), *filter(None, [spec.get("timeml")])]):
            print(f"gate {name}: gold files missing under {shared}", file=sys.stderr)
            return 1
        scores = _measure(spec, shared)
        for metric, floor in spec["floors"].items():
            value = scores[metric]
            ok = value + 1e-9 >= floor
            failed |= not ok
            print(f"gate {name}: {metric} = {value:.4f} (floor {floor:.4f}) {'ok' if ok else 'BELOW FLOOR'}")
            if args.raise_floors and value > floor:
                spec["floors"][metric] = math.floor(value * 100) / 100
    if args.raise_floors:
        FLOORS.write_text(json.dumps(config, indent=1) + "\n", "utf-8")
    print(f"eval gate: {'FAILED' if failed else 'passed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
