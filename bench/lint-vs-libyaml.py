#!/usr/bin/env python3
"""Whole-process lint time of argolint next to the raw libyaml parse floor.

Runs `libyaml_parse FILES` and `argolint lint --format json FILES` alternately
(A B A B ...) over the same sorted file list, so machine drift cancels, and
prints each one's median wall time, throughput and peak RSS, then the ratio
argolint / libyaml (median of the per-pair ratios). Not a test: a figure to
quote. Standard library only, plus GNU time for peak RSS when installed.

  python3 bench/lint-vs-libyaml.py                      # 2000-file generated corpus
  python3 bench/lint-vs-libyaml.py --corpus ../shared/corpus/argo-examples
  python3 bench/lint-vs-libyaml.py --runs 3 --instructions 300   # plus callgrind counts
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.environ.get("ARGOLINT_SHARED", os.path.join(os.path.dirname(REPO), "shared"))


def files_under(path):
    if os.path.isfile(path):
        return [path]
    out = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
    return out


def timed(argv):
    """Wall seconds and peak RSS (MiB, or None) of one whole process."""
    gnu_time = shutil.which("time") if os.path.exists("/usr/bin/time") else None
    rss_file = "/tmp/argolint-bench-rss.txt"
    full = (["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv) if gnu_time else argv
    start = time.perf_counter()
    proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    rss = None
    if gnu_time:
        try:
            rss = int(open(rss_file).read().split()[-1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
    return wall, rss, proc.returncode


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default="/tmp/argo-corpus", help="folder of YAML files (generated when missing)")
    p.add_argument("--count", type=int, default=2000, help="files to generate when the corpus is missing")
    p.add_argument("--seed", default="1")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--argolint", default=os.path.join(REPO, ".build/release/argolint"))
    p.add_argument("--floor-build", default="/tmp/argolint-bench")
    p.add_argument("--instructions", type=int, metavar="N", default=0,
                   help="also count instructions (valgrind callgrind, all threads) over the first N files: "
                        "a figure that machine noise does not move")
    args = p.parse_args()

    if not os.path.isdir(args.corpus):
        gen = os.path.join(SHARED, "bench", "gen_corpus.py")
        print(f"generating {args.count} files into {args.corpus} ...", flush=True)
        subprocess.run([sys.executable, gen, "--count", str(args.count), "--seed", args.seed, "--out", args.corpus], check=True)
    floor = os.path.join(args.floor_build, "libyaml_parse")
    if not os.access(floor, os.X_OK):
        subprocess.run(["make", "-s", "-C", os.path.join(SHARED, "bench"), f"BUILD={args.floor_build}"], check=True)
    if not os.access(args.argolint, os.X_OK):
        print("building argolint (release) ...", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "argolint"], cwd=REPO, check=True)

    files = files_under(args.corpus)
    size = sum(os.path.getsize(f) for f in files)
    commands = {
        "libyaml_parse (floor)": [floor, "--quiet"] + files,
        "argolint lint": [args.argolint, "lint", "--format", "json"] + files,
    }
    for _ in range(args.warmup):
        for argv in commands.values():
            timed(argv)
    results = {name: [] for name in commands}
    ratios = []
    for _ in range(args.runs):
        pair = {}
        for name, argv in commands.items():
            wall, rss, code = timed(argv)
            if name.startswith("argolint") and code not in (0, 1):
                sys.exit(f"argolint exited {code}: the benchmark needs a successful run")
            results[name].append((wall, rss))
            pair[name] = wall
        ratios.append(pair["argolint lint"] / pair["libyaml_parse (floor)"])

    print(f"\ncorpus: {args.corpus}: {len(files)} files, {size / 1e6:.2f} MB; {args.runs} runs each, alternating, {args.warmup} warm-up")
    print(f"{'command':24} {'median s':>9} {'min-max s':>15} {'MB/s':>7} {'peak RSS MiB':>13}")
    for name, runs in results.items():
        walls = [w for w, _ in runs]
        rss = [r for _, r in runs if r is not None]
        med = statistics.median(walls)
        rss_text = f"{statistics.median(rss):.1f}" if rss else "n/a"
        print(f"{name:24} {med:9.3f} {min(walls):7.3f}-{max(walls):<7.3f} {size / 1e6 / med:7.1f} {rss_text:>13}")
    print(f"ratio argolint / libyaml floor: {statistics.median(ratios):.2f}x (median of per-pair ratios; min {min(ratios):.2f}x, max {max(ratios):.2f}x)")
    if args.instructions:
        subset = files[:args.instructions]
        counts = {name: instructions(argv[:-len(files)] + subset) for name, argv in commands.items()}
        floor_count = counts["libyaml_parse (floor)"]
        print(f"instructions over {len(subset)} files (callgrind, summed over threads): "
              + ", ".join(f"{name} {count / 1e6:,.0f} M" for name, count in counts.items())
              + f"; ratio {counts['argolint lint'] / floor_count:.2f}x")


def instructions(argv):
    """Instructions executed by a whole process, from valgrind's callgrind."""
    if not shutil.which("valgrind"):
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    out = "/tmp/argolint-bench-callgrind.out"
    proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip().replace(",", ""))
    sys.exit("callgrind printed no instruction count:\n" + proc.stderr[-2000:])


if __name__ == "__main__":
    main()
