#!/usr/bin/env python3
"""Sandbox speed: a DAG of one start task fanning out to N HTTP tasks, run by
`argolint run` against its mock responder, next to the responder alone
serving the same N requests to a plain Python client (the reference),
measured alternately in the same run.

    python3 bench/sandbox-fanout.py [--tasks 1000] [--runs 5] [--concurrency 32]

Prints wall times, requests per second, and the ratio of the whole run to
the responder-only reference (median of per-pair ratios).
"""
import argparse, http.client, json, os, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_inputs(folder, tasks):
    lines = ["apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata:", "  generateName: fan-out-", "spec:",
             "  entrypoint: main", "  templates:", "    - name: main", "      dag:", "        tasks:",
             "          - {name: start, template: call, arguments: {parameters: [{name: id, value: start}]}}"]
    for i in range(tasks):
        lines.append(f"          - {{name: call-{i}, template: call, dependencies: [start], arguments: {{parameters: [{{name: id, value: \"{i}\"}}]}}}}")
    lines += ["    - name: call", "      inputs: {parameters: [{name: id}]}", "      http:",
              "        url: \"http://api.example.invalid/v1/items/{{inputs.parameters.id}}\"", "        method: POST",
              "        headers: [{name: Content-Type, value: application/json}]",
              "        body: '{\"id\": \"{{inputs.parameters.id}}\", \"workflow\": \"{{workflow.name}}\"}'",
              "        successCondition: response.statusCode == 200"]
    workflow = os.path.join(folder, "fan-out.yaml")
    with open(workflow, "w") as f:
        f.write("\n".join(lines) + "\n")
    mocks = os.path.join(folder, "mocks.yaml")
    with open(mocks, "w") as f:
        f.write("mappings:\n  - request: {method: POST, urlPathPattern: \"/v1/items/.*\"}\n"
                "    response: {status: 200, jsonBody: {ok: true}}\n")
    return workflow, mocks


def run_sandbox(binary, workflow, mocks, concurrency):
    start = time.perf_counter()
    out = subprocess.run([binary, "run", workflow, "--mock", mocks, "--format", "json", "--concurrency", str(concurrency)],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"argolint run exited {out.returncode}: {out.stderr[:2000]}")
    report = json.loads(out.stdout)
    return wall, len(report["requests"]), report["phase"]


def run_reference(binary, mocks, requests, concurrency):
    """The responder alone (`argolint mock serve`), the same requests from Python threads."""
    server = subprocess.Popen([binary, "mock", "serve", mocks], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        port = int(line.split("127.0.0.1:")[1].split()[0])
        body = json.dumps({"id": "x", "workflow": "fan-out-abcde"})
        counter = iter(range(requests))
        lock = threading.Lock()

        def worker():
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                conn = http.client.HTTPConnection("127.0.0.1", port)
                conn.request("POST", f"http://api.example.invalid/v1/items/{i}", body=body,
                             headers={"Content-Type": "application/json", "Connection": "close"})
                conn.getresponse().read()
                conn.close()

        start = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/argolint"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "argolint"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as folder:
        workflow, mocks = write_inputs(folder, args.tasks)
        walls, refs, ratios = [], [], []
        for _ in range(args.runs):
            wall, sent, phase = run_sandbox(args.binary, workflow, mocks, args.concurrency)
            ref = run_reference(args.binary, mocks, sent, args.concurrency)
            walls.append(wall)
            refs.append(ref)
            ratios.append(wall / ref)
        print(f"fan-out DAG: 1 + {args.tasks} HTTP tasks, {sent} requests, phase {phase}, {args.runs} runs, concurrency {args.concurrency}")
        print(f"argolint run (lint + responder + runner, whole process): median {statistics.median(walls):.3f} s, "
              f"{sent / statistics.median(walls):.0f} requests/s")
        print(f"reference (responder alone, Python client threads):      median {statistics.median(refs):.3f} s, "
              f"{sent / statistics.median(refs):.0f} requests/s")
        print(f"ratio run / reference: median {statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, max {max(ratios):.2f}x)")


if __name__ == "__main__":
    main()
