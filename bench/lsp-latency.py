#!/usr/bin/env python3
"""Editor latency of `argolint lsp`, and the cold start of `argolint lint`.

1. didChange -> publishDiagnostics: a real LSP client (pygls, as pinned in
   Tests/lsp/requirements.txt) opens a generated 1,000-line workflow and sends
   --edits full-text changes, one at a time, each changing one parameter value;
   the time from sending each didChange to receiving the publishDiagnostics of
   that version is recorded. Prints the median (and p90, max).
2. `argolint lint FILE` on a generated 60-line workflow, in a fresh temporary
   folder (no configuration, no git root): median whole-process wall time of
   --runs runs.

Targets: under 10 ms each. Release builds link the Swift runtime and Foundation
statically on Linux, so the dynamic loader no longer dominates the cold start.
Not a test: figures to quote; the machine is shared,
so repeat a run before believing a change. Needs the pinned venv:

  .build/lsp-venv/bin/python3 bench/lsp-latency.py                 # release build if present, else debug
  .build/lsp-venv/bin/python3 bench/lsp-latency.py --binary .build/debug/argolint --edits 100
"""
import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 10.0


def default_binary() -> Path:
    for build in ("release", "debug"):
        candidate = REPO / ".build" / build / "argolint"
        if candidate.exists():
            return candidate
    sys.exit("no .build/{release,debug}/argolint: run `swift build -c release` first")


def workflow(tasks: int, value: str = "v0") -> str:
    """A DAG workflow: one HTTP template, one container template, `tasks` tasks
    passing parameters and depending on the previous task (18 lines per task)."""
    lines = [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "metadata:",
        "  generateName: bench-",
        "spec:",
        "  entrypoint: main",
        "  arguments:",
        "    parameters:",
        f"      - {{name: seed, value: \"{value}\"}}",
        "  templates:",
        "    - name: main",
        "      dag:",
        "        tasks:",
    ]
    for i in range(tasks):
        lines += [
            f"          - name: task-{i}",
            f"            template: {'fetch' if i % 2 == 0 else 'work'}",
        ]
        if i > 0:
            lines.append(f"            dependencies: [task-{i - 1}]")
        lines += [
            "            arguments:",
            "              parameters:",
            f"                - name: url",
            f"                  value: \"https://api.example.com/items/{i}?seed={{{{workflow.parameters.seed}}}}\"",
            f"                - name: note",
            f"                  value: \"task {i} of {tasks}\"",
            f"            when: \"'{{{{workflow.parameters.seed}}}}' != 'skip-{i}'\"",
        ]
    lines += [
        "    - name: fetch",
        "      inputs:",
        "        parameters:",
        "          - name: url",
        "          - name: note",
        "      http:",
        "        url: \"{{inputs.parameters.url}}\"",
        "        method: GET",
        "        timeoutSeconds: 20",
        "        successCondition: \"response.statusCode == 200\"",
        "    - name: work",
        "      inputs:",
        "        parameters:",
        "          - name: url",
        "          - name: note",
        "      container:",
        "        image: alpine:3.20",
        "        command: [sh, -c]",
        "        args: [\"echo {{inputs.parameters.note}} {{inputs.parameters.url}}\"]",
    ]
    return "\n".join(lines) + "\n"


def workflow_of_about(line_count: int, value: str = "v0") -> str:
    """As many tasks as fit in `line_count` lines, padded to exactly that with comments."""
    tasks = 1
    while len(workflow(tasks + 1).splitlines()) <= line_count:
        tasks += 1
    text = workflow(tasks, value)
    return text + "# padding\n" * (line_count - len(text.splitlines()))


async def change_latency(binary: Path, edits: int, lines: int) -> tuple[list[float], int]:
    client = LanguageClient("argolint-bench", "1")
    published: dict[int, asyncio.Future] = {}
    uri = "file:///argolint-bench/big.yaml"

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams):
        future = published.get(params.version)
        if future is not None and not future.done():
            future.set_result(len(params.diagnostics))

    await client.start_io(str(binary), "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())

    loop = asyncio.get_running_loop()
    text = workflow_of_about(lines)
    published[1] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    first = await asyncio.wait_for(published[1], 60)
    if first:
        print(f"note: the generated workflow has {first} findings", file=sys.stderr)

    # Texts are made before the clock starts: only the client's send, the
    # server's work and the notification's way back are timed.
    texts = {edit + 2: workflow_of_about(lines, f"v{edit + 2}") for edit in range(edits)}
    samples = []
    for version, edited in texts.items():
        published[version] = loop.create_future()
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        await asyncio.wait_for(published[version], 60)
        samples.append((time.perf_counter() - start) * 1000)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return samples, len(text.splitlines())


def cold_start(binary: Path, runs: int) -> tuple[list[float], int]:
    with tempfile.TemporaryDirectory(prefix="argolint-bench-") as folder:
        path = Path(folder) / "small.yaml"
        text = workflow_of_about(60)
        path.write_text(text)
        samples = []
        subprocess.run([str(binary), "lint", str(path)], capture_output=True, cwd=folder)  # warm the page cache
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run([str(binary), "lint", str(path)], capture_output=True, cwd=folder)
            samples.append((time.perf_counter() - start) * 1000)
            if result.returncode not in (0, 1):
                sys.exit(f"argolint lint failed ({result.returncode}): {result.stderr.decode()}")
        return samples, len(text.splitlines())


def verdict(ms: float) -> str:
    return "meets" if ms < TARGET_MS else "misses"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, default=None, help="argolint executable (default: release build, else debug)")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    binary = (args.binary or default_binary()).resolve()
    print(f"binary: {binary.relative_to(REPO) if binary.is_relative_to(REPO) else binary}")

    samples, lines = asyncio.run(change_latency(binary, args.edits, args.lines))
    median = statistics.median(samples)
    p90 = statistics.quantiles(samples, n=10)[-1] if len(samples) >= 10 else max(samples)
    print(f"didChange -> publishDiagnostics, {lines}-line workflow, {len(samples)} edits: "
          f"median {median:.2f} ms, p90 {p90:.2f} ms, max {max(samples):.2f} ms ({verdict(median)} the {TARGET_MS:.0f} ms target)")

    samples, lines = cold_start(binary, args.runs)
    median = statistics.median(samples)
    print(f"argolint lint, {lines}-line workflow, cold process, {len(samples)} runs: "
          f"median {median:.2f} ms, min {min(samples):.2f} ms ({verdict(median)} the {TARGET_MS:.0f} ms target)")


if __name__ == "__main__":
    main()
