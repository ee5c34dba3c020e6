#!/usr/bin/env python3
"""Every speed figure of issue 11, item 4, each next to a reference measured in the same run.

  1. the generated corpus (gen_corpus.py --count 2000 --seed 1): argolint lint --format json
     vs the single-core libyaml floor (libyaml_parse) over the same files;   goal <= 1.0x, < 64 MiB
  2. the same corpus as ONE file of `---`-separated documents (--big-copies N concatenations;
     3 gives the issue's ~100 MB), vs libyaml_parse on that file;            goal <= 1.0x, < 64 MiB
  3. single-file cold start: one 60-line workflow (median wall ms);       goal < 10 ms
     (the floor's cold start on the same file is printed beside it)
  4. the expression-heavy corpus (bench/gen-expr-corpus.py, same file count) vs the
     generated one, each as its ratio to the floor in its own pairs;        goal within 1.5x
  5. one DAG doubled from 1,000 to 64,000 tasks: time per task (the process start
     measured on the empty DAG is subtracted);                               goal flat within 20%

Runs alternate A B A B so drift on this shared machine cancels; every ratio
is the median of per-pair ratios. Peak RSS from GNU time. Not a test: the
figures to quote. Standard library only.

  python3 bench/speed.py                         # everything
  python3 bench/speed.py --only corpus,big --runs 3
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.environ.get("ARGOLINT_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
RSS_FILE = "/tmp/argolint-speed-rss.txt"


def files_under(path):
    if os.path.isfile(path):
        return [path]
    out = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
    return out


def timed(argv):
    """Wall seconds, peak RSS MiB (or None) and exit code of one whole process."""
    use_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-f", "%M", "-o", RSS_FILE] + argv) if use_time else argv
    start = time.perf_counter()
    proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    rss = None
    if use_time:
        try:
            rss = int(open(RSS_FILE).read().split()[-1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
    return wall, rss, proc.returncode


def pairs(commands, runs, warmup):
    """Runs the named commands alternately; returns {name: [(wall, rss)]}."""
    for _ in range(warmup):
        for argv in commands.values():
            timed(argv)
    results = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            wall, rss, code = timed(argv)
            if code not in (0, 1):
                sys.exit(f"{name} exited {code}: {' '.join(argv[:4])} ...")
            results[name].append((wall, rss))
    return results


def ratio(results, a, b):
    rs = [x[0] / y[0] for x, y in zip(results[a], results[b])]
    return statistics.median(rs), min(rs), max(rs)


def row(name, runs, size=None):
    walls = [w for w, _ in runs]
    rss = [r for _, r in runs if r is not None]
    med = statistics.median(walls)
    mbs = f"{size / 1e6 / med:7.1f}" if size else "       "
    rss_text = f"{statistics.median(rss):.1f}" if rss else "n/a"
    print(f"  {name:34} {med:9.3f} s  ({min(walls):.3f}-{max(walls):.3f})  {mbs} MB/s  peak {rss_text:>7} MiB")
    return med


def ensure_corpus(path, count, seed, generator, extra=()):
    if not os.path.isdir(path) or not files_under(path):
        print(f"generating {path} ...", flush=True)
        subprocess.run([sys.executable, generator, "--count", str(count), "--seed", seed, "--out", path, *extra],
                       check=True, stdout=subprocess.DEVNULL)


def concatenate(files, out, copies):
    """One stream of every file's documents, `---`-separated, `copies` times over."""
    with open(out, "w") as f:
        for _ in range(copies):
            for path in files:
                text = open(path).read()
                if not text.startswith("---"):
                    f.write("---\n")
                f.write(text if text.endswith("\n") else text + "\n")


def dag_workflow(tasks):
    lines = ["apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata:", "  generateName: wide-dag-",
             "spec:", "  entrypoint: main", "  templates:",
             "    - name: leaf", "      inputs:", "        parameters: [{name: n}]",
             "      container: {image: alpine, command: [echo, \"{{inputs.parameters.n}}\"]}",
             "    - name: main", "      dag:", "        tasks:"]
    for i in range(tasks):
        # A layered DAG: each task depends on up to two of the previous layer's.
        deps = []
        if i >= 8:
            deps = [f"t{i - 8}", f"t{i - 8 - (i % 8 != 0)}"] if i % 8 else [f"t{i - 8}"]
        dep_text = f", depends: \"{' && '.join(sorted(set(deps)))}\"" if deps else ""
        lines.append(f"          - {{name: t{i}, template: leaf{dep_text}, "
                     f"arguments: {{parameters: [{{name: n, value: \"{{{{workflow.name}}}}-{i}\"}}]}}}}")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", default="/tmp/argolint-speed", help="folder for corpora and the floor binary")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--big-copies", type=int, default=3, help="concatenations of the corpus in the one big file (3 = ~107 MB)")
    p.add_argument("--argolint", default=os.path.join(REPO, ".build/release/argolint"))
    p.add_argument("--only", default="corpus,big,cold,expr,dag")
    args = p.parse_args()
    only = set(args.only.split(","))

    os.makedirs(args.work, exist_ok=True)
    floor = os.path.join(args.work, "libyaml_parse")
    if not os.access(floor, os.X_OK):
        subprocess.run(["make", "-s", "-C", os.path.join(SHARED, "bench"), f"BUILD={args.work}"], check=True)
    if not os.access(args.argolint, os.X_OK):
        sys.exit(f"{args.argolint} missing: swift build -c release")
    lint = [args.argolint, "lint", "--format", "json"]
    corpus = os.path.join(args.work, "gen-2000")
    ensure_corpus(corpus, 2000, "1", os.path.join(SHARED, "bench", "gen_corpus.py"))
    files = files_under(corpus)
    size = sum(os.path.getsize(f) for f in files)
    print(f"argolint: {args.argolint}; {args.runs} runs per figure, alternating, {args.warmup} warm-up; {os.cpu_count()} cores\n")

    if "corpus" in only:
        print(f"1. generated corpus: {len(files)} files, {size / 1e6:.1f} MB")
        r = pairs({"floor": [floor, "--quiet"] + files, "argolint": lint + files}, args.runs, args.warmup)
        row("libyaml_parse (floor)", r["floor"], size)
        row("argolint lint --format json", r["argolint"], size)
        print("  ratio argolint / floor: %.2fx (min %.2f, max %.2f); goal <= 1.0x, peak < 64 MiB\n" % ratio(r, "argolint", "floor"))

    if "big" in only:
        big = os.path.join(args.work, f"one-file-x{args.big_copies}.yaml")
        if not os.path.exists(big):
            concatenate(files, big, args.big_copies)
        big_size = os.path.getsize(big)
        docs = sum(1 for line in open(big, "rb") if line.startswith(b"---"))
        print(f"2. one file of {docs} documents, {big_size / 1e6:.1f} MB (the corpus concatenated {args.big_copies}x)")
        runs = max(1, min(args.runs, 3))
        r = pairs({"floor": [floor, "--quiet", big], "argolint": lint + [big]}, runs, 0)
        row("libyaml_parse (floor)", r["floor"], big_size)
        row("argolint lint --format json", r["argolint"], big_size)
        print("  ratio argolint / floor: %.2fx (min %.2f, max %.2f); goal <= 1.0x, peak < 64 MiB\n" % ratio(r, "argolint", "floor"))

    if "cold" in only:
        single = os.path.join(SHARED, "corpus", "argo-examples", "exit-handlers.yaml")
        lines = sum(1 for _ in open(single))
        print(f"3. single-file cold start: {single} ({lines} lines)")
        r = pairs({"floor": [floor, single], "argolint": lint + [single]}, max(args.runs, 20), 3)
        f_med = statistics.median(w for w, _ in r["floor"]) * 1000
        a_med = statistics.median(w for w, _ in r["argolint"]) * 1000
        a_rss = statistics.median(x for _, x in r["argolint"] if x is not None) if r["argolint"][0][1] else float("nan")
        print(f"  libyaml_parse (floor) median {f_med:.1f} ms; argolint median {a_med:.1f} ms, peak {a_rss:.1f} MiB")
        print(f"  argolint minus floor (start-up of /usr/bin/time and exec cancel): {a_med - f_med:.1f} ms; goal < 10 ms\n")

    if "expr" in only:
        expr = os.path.join(args.work, "expr-2000")
        ensure_corpus(expr, len(files), "1", os.path.join(HERE, "gen-expr-corpus.py"))
        expr_files = files_under(expr)
        expr_size = sum(os.path.getsize(f) for f in expr_files)
        print(f"4. expression-heavy corpus: {len(expr_files)} files, {expr_size / 1e6:.1f} MB, vs the generated one")
        r = pairs({"floor gen": [floor, "--quiet"] + files, "argolint gen": lint + files,
                   "floor expr": [floor, "--quiet"] + expr_files, "argolint expr": lint + expr_files}, args.runs, args.warmup)
        for name in r:
            row(name, r[name], size if "gen" in name else expr_size)
        gen_ratio = ratio(r, "argolint gen", "floor gen")[0]
        expr_ratio = ratio(r, "argolint expr", "floor expr")[0]
        print(f"  argolint/floor: generated {gen_ratio:.2f}x, expression-heavy {expr_ratio:.2f}x; "
              f"expr / gen = {expr_ratio / gen_ratio:.2f}; goal <= 1.5\n")

    if "dag" in only:
        print("5. one DAG, 1,000 to 64,000 tasks: wall per task after the empty-DAG start-up")
        sizes = [0, 1000, 2000, 4000, 8000, 16000, 32000, 64000]
        paths = {}
        for n in sizes:
            path = os.path.join(args.work, f"dag-{n}.yaml")
            if not os.path.exists(path):
                open(path, "w").write(dag_workflow(n))
            paths[n] = path
        r = pairs({n: lint + [paths[n]] for n in sizes}, max(1, min(args.runs, 3)), 1)
        base = statistics.median(w for w, _ in r[0])
        per_task = {}
        for n in sizes[1:]:
            med = statistics.median(w for w, _ in r[n])
            per_task[n] = (med - base) / n * 1e6
            rss = statistics.median(x for _, x in r[n] if x is not None) if r[n][0][1] else float("nan")
            print(f"  {n:6} tasks: {med:8.3f} s, {per_task[n]:7.2f} us/task, peak {rss:.1f} MiB")
        first, last = per_task[sizes[1]], per_task[sizes[-1]]
        print(f"  64,000 / 1,000 time per task: {last / first:.2f}; goal within 1.2 (flat)\n")


if __name__ == "__main__":
    main()
