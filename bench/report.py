"""Merges the per-engine result files of one bench/run into bench/results/latest.json and prints one table.

Usage: python3 report.py OUT_JSON META_JSON RESULT_JSON... [--server SERVER_JSON...]
       python3 report.py --distributed-map SERVER_DISTRIBUTED_MAP_JSON   (bench/run --only distributed-map)
(a missing result file = that engine / server part did not run)
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


def mib(n):
    return f"{n / (1 << 20):,.1f} MiB"


def server_section(files):
    """The local server's parts (ServerBench): one table, target lines, and the rows for the JSON."""
    rows, missing = [], []
    for path in files:
        if os.path.exists(path):
            with open(path) as f:
                rows.extend(json.load(f))
        else:
            missing.append(os.path.basename(path).replace(".json", ""))
    lines = ["| server part | setting | result | latency p50 / p99 | memory | store on disk |",
             "|---|---|---|---|---|---|"]
    targets = []
    for r in rows:
        if r["part"] == "distributed-map":
            dmap_lines, dmap_targets = distributed_map(r)
            lines.extend(dmap_lines)
            targets.extend(dmap_targets)
            continue
        nodelay = "as shipped (TCP_NODELAY)" if r.get("tcpNoDelay") else "no TCP_NODELAY"
        if r.get("status") not in ("ok", "incomplete"):
            lines.append(f"| {r['part']} | {nodelay} | n/a ({r.get('status')}: {r.get('error', '')}) | — | — | — |")
            continue
        flag = "" if r["status"] == "ok" else " **INCOMPLETE**"
        if r["part"] == "durable":
            # Rows from before the durability setting existed ran at synchronous=NORMAL.
            durability = r.get("durability", "relaxed")
            sync = {"full": "synchronous=FULL", "relaxed": "synchronous=NORMAL"}[durability]
            lines.append(f"| durable: {r['executions']:,} concurrent Standard executions, "
                         f"{r['transitionsPerExecution']} states (Pass/Task/Choice/Succeed) | "
                         f"--durability {durability} ({sync}), {nodelay} | "
                         f"{fmt(r['transitionsPerSecond'])} transitions/s ({fmt(r['executionsPerSecond'])} executions/s, "
                         f"{r['succeeded']:,} succeeded in {r['wallSeconds']} s){flag} | "
                         f"{r['p50StartToCompletionMs']} / {r['p99StartToCompletionMs']} ms StartExecution→completion | "
                         f"peak heap used {r['peakHeapUsedMiB']} MiB, peak RSS {r['peakRssMiB']} MiB "
                         f"(-Xmx{r['maxHeapMiB']}m) | {mib(r['storeBytes'])} |")
            tps = r["transitionsPerSecond"]
            if durability == "full":
                targets.append(f"- durable transitions/s at the default durability (synchronous=FULL): target ≥5,000,"
                               f" measured {fmt(tps)} → {'met' if tps >= 5000 and r['status'] == 'ok' else 'MISSED'}")
        elif r["part"] == "sync":
            lines.append(f"| StartSyncExecution, 5-state Express, concurrency {r['concurrency']} | {nodelay} | "
                         f"{fmt(r['requestsPerSecond'])} requests/s ({r['requests']:,} requests) | "
                         f"{r['p50Ms']} / {r['p99Ms']} ms{sync_costs(r)} | peak heap used {r['peakHeapUsedMiB']} MiB | — |")
            targets.append(f"- StartSyncExecution p99 ({nodelay}): target <5 ms, measured {r['p99Ms']} ms → "
                           f"{'met' if r['p99Ms'] < 5 else 'MISSED'}")
        elif r["part"] == "scale":
            lines.append(f"| scale: {r['executions']:,} executions parked in one Wait | {nodelay} | "
                         f"{r['parkedAtOnce']:,} parked at once (started in {r['startSeconds']} s); all woken in "
                         f"{r['wakeAllSeconds']} s ({fmt(r['wakesPerSecond'])}/s), {r['succeeded']:,} succeeded{flag} | — | "
                         f"live heap while parked {r['liveHeapWhileParkedMiB']} MiB (after GC), peak heap used "
                         f"{r['peakHeapUsedMiB']} MiB, peak RSS {r['peakRssMiB']} MiB, run with -Xmx{r['maxHeapMiB']}m | "
                         f"{mib(r['storeBytesWhileParked'])} parked, {mib(r['storeBytesAfter'])} after |")
            ok = r["status"] == "ok" and r["maxHeapMiB"] <= 512 and r["parkedAtOnce"] == r["executions"]
            scope = "" if r["executions"] >= 100000 else f" (this run: {r['executions']:,}, not 100,000)"
            targets.append(f"- {r['executions']:,} waiting executions under a 512 MiB heap{scope}: "
                           f"{'met' if ok else 'MISSED'} (live heap {r['liveHeapWhileParkedMiB']} MiB, "
                           f"peak {r['peakHeapUsedMiB']} MiB)")
    return rows, lines, targets, missing


def distributed_map(r):
    """The Distributed Map part (DistributedMapBench): two table rows and the scale target (issue 11)."""
    inline, dmap, store = r["inlineMap1000"], r["distributedMap"], r["store"]
    commits = f"{store['parentCommits']:,}" if "parentCommits" in store else "?"

    def speed(part):
        if part.get("status") != "SUCCEEDED":
            return f"n/a ({part.get('status')}: {part.get('error', '')} {part.get('cause', '')})"
        return f"{fmt(part['itemsPerSecond'])} items/s ({part['seconds']} s)"

    lines = [
        f"| inline Map of 1,000 (Pass), same server | stepwise serve as its own process, -Xmx{r['serverXmxMiB']}m | "
        f"{speed(inline)} | — | — | — |",
        f"| Distributed Map: {r['items']:,} JSONL items from S3 (moto), MaxConcurrency {r['maxConcurrency']:,}, "
        f"Pass per item, ResultWriter to S3 | stepwise serve as its own process, -Xmx{r['serverXmxMiB']}m | "
        f"{speed(dmap)}; Map Run {dmap.get('mapRunStatus')}, {dmap.get('itemsSucceeded', 0):,} items succeeded | — | "
        f"server heap: peak used {dmap['peakHeapUsedMiBSampled']} MiB (sampled), live after the run "
        f"{dmap.get('liveHeapAfterRunMiB', '?')} MiB (full GC), peak after GC "
        f"{dmap['peakHeapAfterGcMiB']} MiB, JVM pool peaks {dmap['jvmPeakHeapPoolsMiB']} MiB; parent state "
        f"≤{store_bytes(dmap['peakParentStateBytesSampled'])} (sampled), {commits} parent commits, "
        f"parent history {store['parentHistoryEvents']} "
        f"events / {store_bytes(store['parentHistoryBytes'])}, largest child history "
        f"{store['maxChildHistoryEvents']} events, Map Run record {store_bytes(store['mapRunRecordBytes'])} | "
        f"{mib(r['storeBytes'])} |",
    ]
    ok = dmap.get("status") == "SUCCEEDED" and r["serverXmxMiB"] <= 512
    scope = "" if r["items"] >= 100000 else f" (this run: {r['items']:,}, not 100,000)"
    targets = [f"- Distributed Map of 100,000 S3 items, MaxConcurrency 1,000, under a {r['serverXmxMiB']} MiB heap"
               f"{scope}: {'met' if ok else 'MISSED'} ({speed(dmap)}, peak heap after GC "
               f"{dmap['peakHeapAfterGcMiB']} MiB; inline Map of 1,000: {speed(inline)})"]
    return lines, targets


def store_bytes(n):
    return f"{n:,} B"


def sync_costs(r):
    """What a request cost the machine (client and server together), which the load does not move as it moves
    the latency; absent in rows from before the bench measured it."""
    if "processCpuMicrosPerRequest" not in r:
        return ""
    threads = r.get("perRequestByThreads", {})
    split = ""
    if threads:
        def cpu(group):
            return threads.get(group, {}).get("cpuMicros", 0)
        split = (f": server {cpu('server-http'):,} / client {cpu('client'):,} / JIT {cpu('jit'):,} /"
                 f" GC+VM {cpu('gc-vm'):,}")
    return (f" ({r['processCpuMicrosPerRequest']:,} µs CPU{split} and {r['contextSwitchesPerRequest']} context"
            f" switches per request; {r['gcPausesWhileMeasured']} GC pauses, {r['gcMillisWhileMeasured']} ms,"
            f" while measured)")


def main():
    args = sys.argv[1:]
    if args and args[0] == "--distributed-map":
        rows, lines, targets, _ = server_section(args[1:])
        print("\n".join(lines))
        print("\n".join(targets))
        print(json.dumps(rows, indent=2))
        return
    server_files = []
    if "--server" in args:
        i = args.index("--server")
        server_files = args[i + 1:]
        args = args[:i]
    out, meta_file, files = args[0], args[1], args[2:]
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
    server_rows, server_lines, server_targets, server_missing = server_section(server_files)
    server_text = "\n".join(server_lines)
    if server_files:
        print("\nLocal server (stepwise serve in-process on SQLite, AWS SDK over HTTP on 127.0.0.1):")
        print(server_text)
        print("\nTargets (issue 5, server part):")
        print("\n".join(server_targets))
        if server_missing:
            print("\nServer parts not run: " + ", ".join(server_missing))
    result = {"meta": meta, "results": rows, "table": text, "targets": target_lines,
              "notMeasured": failures, "peersNotRun": engines_missing,
              "server": server_rows, "serverTable": server_text, "serverTargets": server_targets,
              "serverPartsNotRun": server_missing}
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
