"""Peer harness: moto's Step Functions with execution simulation (moto[server] installed at run time).

Usage: python moto_sfn.py WORKFLOW_DIR WARMUP_MS MEASURE_MS OUT_JSON [EXEC_TIMEOUT_S]

Starts `moto_server` on 127.0.0.1 (free port), turns on `stepfunctions.execute_state_machine` through
POST /moto-api/config, then for each workflow: CreateStateMachine, a checked run (StartExecution, poll
DescribeExecution until done, compare the output, count *StateEntered events in GetExecutionHistory), a timed
warm-up and a timed loop of sequential start-and-poll-to-completion executions. The server is always stopped.
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version

import boto3
from botocore.config import Config

INPUT = json.dumps({"name": "bench"})
ROLE = "arn:aws:iam::123456789012:role/bench"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def subset(expected, actual):
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(
            subset(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and expected == actual
    return expected == actual


class WrongResult(Exception):
    pass


_SEQ = [0]


def run_one(sfn, arn, timeout_s):
    # an explicit name: moto 5.2.5 names every unnamed execution "None" (second one: ExecutionAlreadyExists)
    _SEQ[0] += 1
    ex = sfn.start_execution(stateMachineArn=arn, name=f"e{_SEQ[0]}", input=INPUT)["executionArn"]
    deadline = time.monotonic() + timeout_s
    while True:
        d = sfn.describe_execution(executionArn=ex)
        if d["status"] != "RUNNING":
            return ex, d
        if time.monotonic() > deadline:
            raise TimeoutError(f"execution still RUNNING after {timeout_s}s")
        time.sleep(0.001)


def loop(sfn, arn, ms, timeout_s):
    deadline = time.monotonic() + ms / 1000
    n = 0
    while True:
        _, d = run_one(sfn, arn, timeout_s)
        if d["status"] != "SUCCEEDED":
            raise RuntimeError(f"execution ended {d['status']}")
        n += 1
        if time.monotonic() >= deadline:
            return n


def main():
    wf_dir, warmup_ms, measure_ms, out_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    timeout_s = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
    port = free_port()
    exe = os.path.join(os.path.dirname(sys.executable), "moto_server")
    server = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    try:
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        req = urllib.request.Request(endpoint + "/moto-api/config", method="POST",
                                     data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=10).read()
        sfn = boto3.client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="testing", aws_secret_access_key="testing",
                           config=Config(retries={"max_attempts": 0}))
        for file in sorted(f for f in os.listdir(wf_dir) if f.endswith(".asl.json")):
            name = file[: -len(".asl.json")]
            r = {"workflow": name, "engine": "moto", "version": version("moto"), "mode": "history"}
            try:
                with open(os.path.join(wf_dir, file)) as f:
                    definition = f.read()
                arn = sfn.create_state_machine(name="bench-" + name, definition=definition,
                                               roleArn=ROLE)["stateMachineArn"]
                ex, d = run_one(sfn, arn, timeout_s)
                if d["status"] != "SUCCEEDED":
                    hist = sfn.get_execution_history(executionArn=ex, maxResults=1000)["events"]
                    failed = [e for e in hist if "Failed" in e["type"]]
                    detail = json.dumps(failed[-1], default=str)[:300] if failed else ""
                    raise RuntimeError(f"execution ended {d['status']} {detail}")
                output = json.loads(d.get("output", "null"))
                exp_file = os.path.join(wf_dir, name + ".expected.json")
                if os.path.exists(exp_file):
                    with open(exp_file) as f:
                        expected = json.load(f)
                    if not subset(expected, output):
                        raise WrongResult(f"expected output {json.dumps(expected)} but got {json.dumps(output)[:300]}")
                entered = 0
                token = None
                while True:
                    kw = {"executionArn": ex, "maxResults": 1000}
                    if token:
                        kw["nextToken"] = token
                    page = sfn.get_execution_history(**kw)
                    entered += sum(1 for e in page["events"] if e["type"].endswith("StateEntered"))
                    token = page.get("nextToken")
                    if not token:
                        break
                r["transitionsPerExecution"] = entered
                loop(sfn, arn, warmup_ms, timeout_s)
                t0 = time.perf_counter()
                n = loop(sfn, arn, measure_ms, timeout_s)
                secs = time.perf_counter() - t0
                r.update(status="ok", executions=n, transitions=n * entered, seconds=secs,
                         executionsPerSecond=n / secs, transitionsPerSecond=n * entered / secs)
            except WrongResult as e:
                r.update(status="wrong-result", error=str(e))
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                r.update(status="unsupported", error=f"{type(e).__name__}: {str(e)[:300]}")
            print("moto " + name + ": " + json.dumps(r), file=sys.stderr, flush=True)
            results.append(r)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    with open(out_file, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
