#!/usr/bin/env bash
# End-to-end benchmark: `vanban extract` with --jobs 1 and with all cores, side by side
# with a Python peer (benches/peer.py: read, NFC, two regexes, JSON Lines) and two Rust
# reference runs (examples/e2e_peers.rs: the peer's job, and reading + SHA-256 alone), on
# a corpus of DOCS documents copied from corpus/ under new names (1,000 per folder).
#
# Usage: benches/e2e.sh [DOCS] [RUNS]      (defaults: 20000 documents, 5 runs)
#
# Runs are interleaved (peers, jobs 1, all cores, then again) so that load from other
# processes falls on all of them alike; the table shows medians. Peak RSS comes from
# wait4(2) (ru_maxrss) of each run. Needs bash, cargo and python3 (standard library).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${1:-20000}
RUNS=${2:-5}

cargo build --release --quiet --bin vanban --example e2e_peers
# The interpreter itself, not a version-manager shim that would add its start-up time.
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vanban-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" - "$DOCS" "$RUNS" "$WORK" "$PYTHON" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time

docs, runs, work, python = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
root = os.getcwd()
cores = os.cpu_count() or 1

# The corpus: corpus/**/*.txt copied round-robin under new names.
sources = sorted(
    os.path.join(d, f)
    for d, _, files in os.walk(os.path.join(root, "corpus"))
    for f in files
    if f.endswith(".txt")
)
collection = os.path.join(work, "collection")
total_bytes = 0
for i in range(docs):
    folder = os.path.join(collection, "d%04d" % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(folder)
    source = sources[i % len(sources)]
    shutil.copyfile(source, os.path.join(folder, "doc%06d.txt" % i))
    total_bytes += os.path.getsize(source)

vanban = os.path.join(root, "target", "release", "vanban")
reference = os.path.join(root, "target", "release", "examples", "e2e_peers")
out = lambda name: os.path.join(work, name)
# The Python peer comes first: every ratio is taken against it. The two Rust reference
# runs (examples/e2e_peers.rs) show what the machine allows: the same job as the peer
# written with care, and the floor of reading and hashing each file with no extraction.
variants = [
    ("Python peer (number, date)", [python, os.path.join(root, "benches", "peer.py"), collection, out("peer.jsonl")], out("peer.jsonl")),
    ("Rust peer (number, date)", [reference, "peer", collection, out("rpeer.jsonl")], out("rpeer.jsonl")),
    ("Rust floor (read, SHA-256)", [reference, "floor", collection, out("floor.jsonl")], out("floor.jsonl")),
    ("vanban --jobs 1 (all fields)", [vanban, "extract", "-q", "--jobs", "1", "-o", out("j1.jsonl"), collection], out("j1.jsonl")),
    ("vanban --jobs %d (all fields)" % cores, [vanban, "extract", "-q", "--jobs", str(cores), "-o", out("jn.jsonl"), collection], out("jn.jsonl")),
]

# A child forked from this script starts with this script's peak RSS in its own
# (Linux keeps the larger of the two across exec), so the peak is taken by GNU time,
# a small process, when it is there; else from wait4, as an upper bound.
gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
rss_file = os.path.join(work, "rss")

def measure(argv):
    if gnu_time:
        argv = [gnu_time, "-f", "%M", "-o", rss_file] + argv
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("%s failed with status %d" % (argv[0], code))
    rss = usage.ru_maxrss
    if gnu_time:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    return wall, rss, usage.ru_utime + usage.ru_stime

load_before = os.getloadavg()[0]
results = {name: [] for name, _, _ in variants}
for _ in range(runs):
    for name, argv, _ in variants:
        results[name].append(measure(argv))
load_after = os.getloadavg()[0]

for name, _, output in variants:
    with open(output, "rb") as f:
        lines = sum(1 for _ in f)
    if lines != docs:
        sys.exit("%s wrote %d records for %d documents" % (name, lines, docs))
with open(out("j1.jsonl"), "rb") as a, open(out("jn.jsonl"), "rb") as b:
    identical = a.read() == b.read()
# The Rust peer is a fair stand-in only if it finds what the Python peer finds.
with open(out("peer.jsonl"), encoding="utf-8") as a, open(out("rpeer.jsonl"), encoding="utf-8") as b:
    peers_agree = [json.loads(x) for x in a] == [json.loads(y) for y in b]

median = lambda xs: statistics.median(xs)
peer_rate = docs / median([w for w, _, _ in results[variants[0][0]]])
print()
print("%d documents, %.1f MB, %d runs each (medians), %d cores, load average %.1f → %.1f, peak RSS from %s"
      % (docs, total_bytes / 1e6, runs, cores, load_before, load_after, "GNU time" if gnu_time else "wait4 (upper bound)"))
print()
print("| run | docs/s | MB/s | CPU s | peak RSS | vs peer |")
print("|---|---:|---:|---:|---:|---:|")
for name, _, _ in variants:
    wall = median([w for w, _, _ in results[name]])
    rss = max(r for _, r, _ in results[name])
    cpu = median([c for _, _, c in results[name]])
    rate = docs / wall
    print("| %s | %.0f | %.1f | %.2f | %.1f MB | %.2f× |"
          % (name, rate, total_bytes / 1e6 / wall, cpu, rss / 1024, rate / peer_rate))
print()
print("vanban output for --jobs 1 and --jobs %d: %s" % (cores, "identical" if identical else "DIFFERENT"))
print("Rust peer records equal to the Python peer's: %s" % ("yes" if peers_agree else "NO"))
if not identical or not peers_agree:
    sys.exit(1)
PY
