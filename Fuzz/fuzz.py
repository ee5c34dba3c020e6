#!/usr/bin/env python3
"""Builds and runs argolint's libFuzzer targets (Fuzz/Sources/Fuzz*).

    python3 Fuzz/fuzz.py                      build, then every target for 20 s
    python3 Fuzz/fuzz.py --seconds 3600 --jobs 2 FuzzLint FuzzExpr
    python3 Fuzz/fuzz.py --no-build ...       reuse the last build

Seed corpora are made at run time from fixtures/ (with fixtures/fuzz/<target>/,
the minimised crashes found so far) and ../shared/corpus, in the work folder
(default /tmp/argolint-fuzz; nothing of ../shared is ever copied into the
repository). Each target's corpus grows there from run to run. Prints the
executions, coverage and crashes of every target, and exits 1 on any crash,
timeout (-timeout, 10 s: a hang) or out-of-memory (-rss_limit_mb), naming the
reproducer; replay it with `Fuzz/.build/release/<Target> <file>`, minimise
it with `-minimize_crash=1 -runs=100000 <file>`.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)

# target: max_len in bytes
TARGETS = {
    "FuzzYAML": 16384,
    "FuzzLint": 8192,
    "FuzzFix": 8192,
    "FuzzExpr": 1024,
    "FuzzTemplateTags": 2048,
    "FuzzDepends": 512,
    "FuzzWhen": 1024,
    "FuzzMockStubs": 8192,
    "FuzzScenarios": 8192,
    "FuzzLSP": 16384,
}

# Compile every module with ASan and libFuzzer's coverage; the fuzz targets
# link libFuzzer (Fuzz/Package.swift). Not -sanitize=fuzzer for all: that
# would link libFuzzer's main into the build-time rule-docs tool too.
SWIFT_FLAGS = ["-Xswiftc", "-sanitize=address",
               "-Xswiftc", "-sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table"]

# Swift's runtime keeps caches that LeakSanitizer reports; leaks are not what we hunt.
# Recording every allocation's stack costs a fifth of the time: reports then lack
# allocation stacks, so replay a reproducer with ASAN_OPTIONS=detect_leaks=0 alone.
# Swift's own backtracer would catch a trap before libFuzzer does (and trips ASan doing it).
ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:malloc_context_size=0:quarantine_size_mb=64",
           SWIFT_BACKTRACE="enable=no")


def build():
    started = time.time()
    cmd = ["swift", "build", "-c", "release", "--package-path", FUZZ] + SWIFT_FLAGS
    print("== " + " ".join(cmd), flush=True)
    result = subprocess.run(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # ld.gold warns about every ASan helper symbol; keep the rest.
    lines = [l for l in result.stdout.splitlines() if "Cannot export local symbol" not in l]
    if result.returncode != 0:
        print("\n".join(lines[-60:]))
        sys.exit("FAIL: the fuzz build failed")
    print(lines[-1] if lines else "", f"({time.time() - started:.0f} s)", flush=True)


def shared_dir(explicit):
    return explicit or os.environ.get("ARGOLINT_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")


def yaml_files(*folders):
    for folder in folders:
        if not os.path.isdir(folder):
            continue
        for base, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    yield os.path.join(base, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def values_of(key, texts):
    """The plain one-line values of `key:` in YAML texts (depends, when, successCondition)."""
    pattern = re.compile(rb"^\s*-?\s*" + key.encode() + rb":\s*(.+?)\s*$", re.M)
    found = set()
    for text in texts:
        for m in pattern.finditer(text):
            value = m.group(1)
            if len(value) >= 2 and value[:1] in (b"'", b'"') and value[-1:] == value[:1]:
                value = value[1:-1]
            found.add(value)
    return sorted(found)


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def lsp_session(text, uri="file:///fuzz/workflow.yaml"):
    lines = text.decode("utf-8", "replace").split("\n")
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text.decode("utf-8", "replace")}}},
    ]
    for i, line in enumerate(lines[:40:4]):
        messages.append({"jsonrpc": "2.0", "id": 10 + i, "method": "textDocument/hover",
                         "params": {"textDocument": {"uri": uri}, "position": {"line": i * 4, "character": max(0, len(line) - 2)}}})
    messages += [
        {"jsonrpc": "2.0", "id": 60, "method": "textDocument/codeAction",
         "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": len(lines), "character": 0}},
                    "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 3}}, "text": "x"}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": uri, "type": 2}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    return b"".join(frame(m) for m in messages)


def seeds(target, shared):
    """The seed inputs of one target, as bytes."""
    fixtures = os.path.join(ROOT, "fixtures")
    corpus = os.path.join(shared, "corpus")
    docs = [read(p) for p in yaml_files(fixtures, corpus)]
    regressions = os.path.join(fixtures, "fuzz", target)
    out = [read(os.path.join(regressions, n)) for n in sorted(os.listdir(regressions))] if os.path.isdir(regressions) else []
    if target in ("FuzzYAML", "FuzzLint", "FuzzFix"):
        out += docs
    elif target == "FuzzScenarios":
        out += [read(p) for p in yaml_files(os.path.join(fixtures, "scenarios"))]
    elif target == "FuzzMockStubs":
        out += [read(p) for p in yaml_files(os.path.join(fixtures, "mocks"))]
        out += [read(p) for p in yaml_files(os.path.join(fixtures, "scenarios"))]
    elif target == "FuzzExpr":
        cases = os.path.join(corpus, "expr-oracle", "cases.jsonl")
        if os.path.exists(cases):
            with open(cases, encoding="utf-8") as f:
                exprs = {json.loads(line)["expr"] for line in f if line.strip()}
            out += [e.encode() for e in sorted(exprs)]
        out += values_of("successCondition", docs)
        out += [m.group(1) for d in docs for m in re.finditer(rb"\{\{=(.*?)\}\}", d)]
    elif target == "FuzzTemplateTags":
        out += sorted({line for d in docs for line in d.splitlines() if b"{{" in line})
    elif target == "FuzzDepends":
        out += values_of("depends", docs)
    elif target == "FuzzWhen":
        out += values_of("when", docs)
    elif target == "FuzzLSP":
        small = [d for d in docs if len(d) < 6000]
        out += [lsp_session(d) for d in small[:: max(1, len(small) // 40)]]
        out.append(b"Content-Length: 2\r\n\r\n{}")
    return out


def dictionary(target, shared):
    """libFuzzer dictionary entries: the words the parsers compare whole strings against."""
    words = set()
    if target in ("FuzzLint", "FuzzFix", "FuzzYAML", "FuzzLSP", "FuzzScenarios", "FuzzMockStubs"):
        for path in yaml_files(os.path.join(ROOT, "fixtures"), os.path.join(shared, "corpus")):
            for m in re.finditer(rb"^\s*-?\s*([A-Za-z][A-Za-z0-9_.-]*):", read(path), re.M):
                words.add(m.group(1) + b":")
        words.update([b"{{", b"}}", b"{{=", b"&anchor", b"*anchor", b"<<: ", b"!!str ", b"---\n", b"|\n", b">-\n"])
    if target == "FuzzLSP":
        words.update(w.encode() for w in [
            "Content-Length: ", "\r\n\r\n", "initialize", "initialized", "shutdown", "exit", "textDocument/didOpen",
            "textDocument/didChange", "textDocument/didSave", "textDocument/didClose", "textDocument/hover",
            "textDocument/codeAction", "workspace/didChangeWatchedFiles", "$/cancelRequest", "jsonrpc", "2.0",
            "method", "params", "textDocument", "contentChanges", "range", "position", "character", "line", "uri",
            "positionEncodings", "utf-8", "utf-16", "utf-32", "file:///", "version", "text"])
    if target == "FuzzDepends":
        words.update(w.encode() for w in ["&&", "||", "!", ".Succeeded", ".Failed", ".Errored", ".Skipped", ".Omitted",
                                          ".Daemoned", ".AnySucceeded", ".AllFailed"])
    if target == "FuzzWhen":
        words.update(w.encode() for w in ["==", "!=", "=~", "!~", "&&", "||", "{{", "}}", "in", "true", "false",
                                          "?", ":", "??", "**", ">>", "<<"])
    if target == "FuzzExpr":
        words.update(w.encode() for w in ["response", "request", "statusCode", "body", "headers", "fromJSON", "toJSON",
                                          "jsonpath", "sprig.", "matches", "contains", "startsWith", "in", "not", "let",
                                          "map", "filter", "all", "any", "one", "none", "len", "..", "?.", "??", "#",
                                          "duration", "date", "now", "int", "float", "string", "upper", "split"])
    return sorted(words)


def prepare(target, work, shared):
    seeds_dir = os.path.join(work, "seeds", target)
    shutil.rmtree(seeds_dir, ignore_errors=True)
    os.makedirs(seeds_dir)
    for i, data in enumerate(seeds(target, shared)):
        with open(os.path.join(seeds_dir, f"seed-{i:04d}"), "wb") as f:
            f.write(data[: TARGETS[target]])
    corpus_dir = os.path.join(work, "corpus", target)
    artifacts = os.path.join(work, "artifacts", target)
    os.makedirs(corpus_dir, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    dict_path = os.path.join(work, "dicts", target + ".dict")
    os.makedirs(os.path.dirname(dict_path), exist_ok=True)
    with open(dict_path, "w") as f:
        for w in dictionary(target, shared):
            f.write('"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else "\\x%02x" % b for b in w) + '"\n')
    return corpus_dir, seeds_dir, artifacts, dict_path


def run(target, args, shared):
    corpus_dir, seeds_dir, artifacts, dict_path = prepare(target, args.work, shared)
    before = set(os.listdir(artifacts))
    binary = os.path.join(FUZZ, ".build", "release", target)
    cmd = ([] if args.nice == 0 else ["nice", "-n", str(args.nice)]) + [
        binary, corpus_dir, seeds_dir,
        f"-max_total_time={args.seconds}", f"-max_len={TARGETS[target]}", f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}", "-print_final_stats=1", "-detect_leaks=0",
        f"-artifact_prefix={artifacts}/",
    ] + ([f"-dict={dict_path}"] if os.path.getsize(dict_path) else [])
    log_path = os.path.join(args.work, "logs", target + ".log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    started = time.time()
    with open(log_path, "w") as log:
        log.write(" ".join(cmd) + "\n")
        log.flush()
        status = subprocess.run(cmd, env=ENV, stdout=log, stderr=subprocess.STDOUT).returncode
    text = open(log_path, errors="replace").read()
    execs = re.findall(r"stat::number_of_executed_units: (\d+)", text)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", text)
    new = sorted(set(os.listdir(artifacts)) - before)
    return {
        "target": target, "status": status, "execs": int(execs[-1]) if execs else 0,
        "cov": cov[-1][0] if cov else "?", "ft": cov[-1][1] if cov else "?",
        "seconds": time.time() - started, "artifacts": [os.path.join(artifacts, n) for n in new], "log": log_path,
        "corpus": len(os.listdir(corpus_dir)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--seconds", type=int, default=20, help="per target (default 20)")
    parser.add_argument("--jobs", type=int, default=1, help="targets run at once (default 1)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take (default 10)")
    parser.add_argument("--rss-limit-mb", type=int, default=2560)
    parser.add_argument("--work", default="/tmp/argolint-fuzz", help="corpora, artifacts and logs")
    parser.add_argument("--shared", help="the shared folder (default $ARGOLINT_SHARED or ../shared)")
    parser.add_argument("--nice", type=int, default=0, help="run the fuzzers under nice -n N")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    targets = args.targets or list(TARGETS)
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        sys.exit(f"unknown targets {unknown}; known: {list(TARGETS)}")
    if not args.no_build:
        build()
    shared = shared_dir(args.shared)
    print(f"== fuzzing {len(targets)} targets for {args.seconds} s each, {args.jobs} at a time (work: {args.work})", flush=True)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for r in pool.map(lambda t: run(t, args, shared), targets):
            crashed = r["status"] != 0 or r["artifacts"]
            print(f'{r["target"]:<17} {r["execs"]:>11,} execs  {r["execs"] / max(r["seconds"], 1e-9):>8,.0f}/s  '
                  f'cov {r["cov"]:>5} ft {r["ft"]:>6}  corpus {r["corpus"]:>5}  '
                  f'{"CRASH" if crashed else "0 crashes"}', flush=True)
            if crashed:
                failed.append(r)
                for a in r["artifacts"]:
                    print(f"    reproducer: {a}")
                print(f'    log: {r["log"]} (exit {r["status"]})')
    if failed:
        print(f"FAIL: {len(failed)} target(s) crashed, hung or ran out of memory: {', '.join(r['target'] for r in failed)}", file=sys.stderr)
        for r in failed:
            tail = open(r["log"], errors="replace").read().splitlines()
            print("\n".join(tail[-40:]), file=sys.stderr)
        sys.exit(1)
    print("fuzz smoke: 0 crashes")


if __name__ == "__main__":
    main()
