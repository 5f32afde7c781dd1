"""Merges the per-engine result files of one bench/run into bench/results/latest.json and prints one table.

Usage: python3 report.py OUT_JSON META_JSON RESULT_JSON... (a missing result file = that engine did not run)
Ratios are Stepwise (engine's InMemoryRunner, history kept) executions/s over the peer's, from this run only.
"""
import json
import os
import sys

TARGETS = [  # (workflow, peer, minimum Stepwise/peer ratio) from issue 5
    ("pass-chain", "aws-local-stepfunctions", 10),
    ("map-1000", "aws-local-stepfunctions", 20),
    ("*", "moto", 100),
]


def fmt(x):
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def main():
    out, meta_file, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(meta_file) as f:
        meta = json.load(f)
    rows, engines_missing = [], []
    for path in files:
        name = os.path.basename(path).replace(".json", "")
        if os.path.exists(path):
            with open(path) as f:
                rows.extend(json.load(f))
        else:
            engines_missing.append(name)
    for note in meta.get("peerNotes", []):
        engines_missing.append(note)

    base = {r["workflow"]: r for r in rows if r["engine"] == "stepwise" and r["mode"] == "history"}
    for r in rows:
        b = base.get(r["workflow"])
        if r["engine"] != "stepwise" and r.get("status") == "ok" and b and b.get("status") == "ok":
            r["ratioStepwiseOverPeer"] = b["executionsPerSecond"] / r["executionsPerSecond"]

    order = {"stepwise": 0, "aws-local-stepfunctions": 1, "moto": 2}
    rows.sort(key=lambda r: (r["workflow"], order.get(r["engine"], 9), r["mode"]))
    lines = ["| workflow | engine | transitions/exec | executions/s | transitions/s | Stepwise/peer |",
             "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        engine = r["engine"] + (" (history not retained)" if r["mode"] == "no-history" else "")
        if r.get("status") == "ok":
            lines.append(f"| {r['workflow']} | {engine} | {r['transitionsPerExecution']} | "
                         f"{fmt(r['executionsPerSecond'])} | {fmt(r['transitionsPerSecond'])} | "
                         f"{fmt(r.get('ratioStepwiseOverPeer')) + '×' if 'ratioStepwiseOverPeer' in r else '—'} |")
        else:
            lines.append(f"| {r['workflow']} | {engine} | n/a | n/a ({r.get('status')}) | n/a | — |")
    target_lines = []
    for wf, peer, minimum in TARGETS:
        for r in rows:
            if r["engine"] == peer and (wf == "*" or r["workflow"] == wf):
                ratio = r.get("ratioStepwiseOverPeer")
                verdict = ("n/a" if ratio is None else ("met" if ratio >= minimum else "MISSED"))
                target_lines.append(f"- {r['workflow']} vs {peer}: target ≥{minimum}×, measured "
                                    f"{fmt(ratio) + '×' if ratio is not None else 'n/a'} → {verdict}")
    failures = [f"- {r['engine']} on {r['workflow']} ({r['mode']}): {r['status']}: {r.get('error', '')}"
                for r in rows if r.get("status") != "ok"]
    text = "\n".join(lines)
    print(text)
    print("\nTargets (issue 5, engine part):")
    print("\n".join(target_lines))
    if failures:
        print("\nNot measured (n/a):")
        print("\n".join(failures))
    if engines_missing:
        print("\nPeers not run: " + "; ".join(engines_missing))
    result = {"meta": meta, "results": rows, "table": text, "targets": target_lines,
              "notMeasured": failures, "peersNotRun": engines_missing}
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
