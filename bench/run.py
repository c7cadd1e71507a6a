"""The benchmark runner: ``python -m bench [--sizes 10000,100000] [--realistic | --flat] ...``.

For each corpus size, and each corpus shape (flat front matter and realistic front
matter, both unless ``--flat`` or ``--realistic``), it times, on a hot page cache:

* ``io-floor``        list + read every note's bytes in Python (in-process)
* ``naive-1proc``     bench.naive, PyYAML CSafeLoader, one process (in-process)
* ``naive-2proc``     the same on a multiprocessing Pool(2) (pool start-up included)
* ``taglint-cold``    ``taglint check notes --output-format json --no-cache`` (subprocess)
* ``taglint-warm``    the same with the cache, second run on unchanged files
* ``taglint-one``     ``taglint check notes/<one>.md``: best and median of ~10 runs
* ``taglint-fix``     ``taglint fix notes`` on a fresh (untimed) copy of the corpus

then checks taglint's findings per rule against the corpus manifest.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench import corpus, naive

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"


# --------------------------------------------------------------------------------------
# measurement helpers


@dataclass
class Row:
    what: str
    times: list[float] = field(default_factory=list)
    rss_mb: float | None = None  # peak RSS of the measured process (max over runs)
    error: str | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def best(self) -> float | None:
        return min(self.times) if self.times else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def as_dict(self) -> dict:
        return {
            "what": self.what,
            "best_s": self.best,
            "median_s": self.median,
            "times_s": self.times,
            "peak_rss_mb": self.rss_mb,
            "error": self.error,
            "note": self.note,
            **self.extra,
        }


@dataclass
class ProcResult:
    argv: list[str]
    returncode: int
    wall: float
    maxrss_mb: float
    stdout: bytes
    stderr: bytes

    def describe_failure(self) -> str:
        lines = (self.stderr or self.stdout).decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else "(no output)"
        ctx = " | ".join(lines[-4:-1])
        return f"`{shlex.join(self.argv)}` exited {self.returncode}: {last}" + (f" [{ctx}]" if ctx else "")


# Runs the measured command and reports its wall time and peak RSS on the fd it is given. A child's
# ru_maxrss includes the memory of the process it was forked from (Linux counts the
# pre-exec address space, and with vfork that is the parent's own): measured straight
# from this runner, which holds a million paths at 1M notes, a 12 MB one-note run
# read as 143 MB. Spawned from this small process instead, the floor is its size.
_MEASURE = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, ru = os.wait4(p.pid, 0)
wall = time.perf_counter() - t0
os.write(int(sys.argv[1]), json.dumps({"wall": wall, "rc": os.waitstatus_to_exitcode(status), "maxrss_kb": ru.ru_maxrss}).encode())
"""


def run_proc(argv: list[str], cwd: Path, env: dict | None = None, timeout: float = 7200) -> ProcResult:
    """Run ``argv`` and take its wall clock (spawn to reap) and peak RSS (``ru_maxrss``
    from ``os.wait4``: that process and its reaped descendants, the largest single
    process, not a sum over a worker pool), both measured by a small helper process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        read_end, write_end = os.pipe()
        try:
            p = subprocess.Popen(
                [sys.executable, "-c", _MEASURE, str(write_end), *argv],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                pass_fds=(write_end,),
                start_new_session=True,
            )
        finally:
            os.close(write_end)
        timer = threading.Timer(timeout, lambda: os.killpg(p.pid, signal.SIGKILL))  # the helper and what it runs
        timer.start()
        try:
            with os.fdopen(read_end, "rb") as report:
                raw = report.read()
            p.wait()
        finally:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        try:
            measured = json.loads(raw)
        except ValueError:
            return ProcResult(argv, p.returncode or 1, 0.0, 0.0, stdout, stderr + b"\n(bench: the measuring helper reported nothing)")
        return ProcResult(argv, measured["rc"], measured["wall"], measured["maxrss_kb"] / 1024, stdout, stderr)


def read_all(paths: list[str]) -> int:
    total = 0
    for p in paths:
        with open(p, "rb") as fh:
            total += len(fh.read())
    return total


def io_floor(notes_dir: str) -> int:
    return read_all(naive.list_notes(notes_dir))


def timed(fn, *args):
    t0 = time.perf_counter()
    r = fn(*args)
    return time.perf_counter() - t0, r


# --------------------------------------------------------------------------------------
# taglint invocation


class TaglintUnavailable(Exception):
    pass


@dataclass
class Taglint:
    argv: list[str]
    env: dict
    no_cache: bool
    output_format: list[str]  # e.g. ["--output-format", "json"]
    origin: str

    @classmethod
    def resolve(cls, command: str) -> Taglint:
        argv = shlex.split(command)
        env = dict(os.environ)
        # An installed taglint runs from compiled bytecode (pip compiles it at install time);
        # with this set (some sandboxes do), every run would compile every module again, and
        # the one-file row would time the compiler. Python's default is to write the cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        origin = command
        if not argv:
            raise TaglintUnavailable("empty --taglint command")
        if shutil.which(argv[0]) is None:
            if argv == ["taglint"] and (REPO_ROOT / "taglint" / "__main__.py").is_file():
                # Not installed (yet): run the package from this checkout instead.
                argv = [sys.executable, "-m", "taglint"]
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
                origin = f"{sys.executable} -m taglint (PYTHONPATH={REPO_ROOT}; `taglint` not on PATH)"
            else:
                raise TaglintUnavailable(f"`{argv[0]}` not found on PATH")
        r = run_proc([*argv, "check", "--help"], cwd=REPO_ROOT, env=env, timeout=120)
        if r.returncode != 0:
            raise TaglintUnavailable("`check --help` failed: " + r.describe_failure())
        help_text = r.stdout.decode("utf-8", "replace")
        if "--output-format" in help_text:
            fmt = ["--output-format", "json"]
        elif "--format" in help_text:
            fmt = ["--format", "json"]
        else:
            raise TaglintUnavailable("`taglint check --help` lists no --output-format option")
        return cls(argv, env, "--no-cache" in help_text, fmt, origin)

    def run(self, args: list[str], cwd: Path) -> ProcResult:
        return run_proc(self.argv + args, cwd=cwd, env=self.env)


def clear_caches(root: Path) -> int:
    n = 0
    for dirpath, dirnames, _ in os.walk(root):
        if ".taglint_cache" in dirnames:
            shutil.rmtree(os.path.join(dirpath, ".taglint_cache"), ignore_errors=True)
            dirnames.remove(".taglint_cache")
            n += 1
    return n


def parse_findings(stdout: bytes) -> Counter:
    data = json.loads(stdout.decode("utf-8") or "null")
    if isinstance(data, dict):
        for k in ("diagnostics", "findings", "results", "violations"):
            if isinstance(data.get(k), list):
                data = data[k]
                break
    if not isinstance(data, list):
        raise ValueError(f"expected a JSON array of findings, got {type(data).__name__}")
    return Counter(str(d.get("rule")) for d in data if isinstance(d, dict))


def check_run(r: ProcResult) -> Counter:
    """Findings of a `check` run, or raise with a readable message."""
    try:
        return parse_findings(r.stdout)
    except (ValueError, UnicodeDecodeError) as e:
        raise RuntimeError(f"{r.describe_failure()} (output not parseable: {e})") from None


# --------------------------------------------------------------------------------------
# one size


def compare(expected: dict[str, int], got: Counter, designed_zero: list[str]) -> tuple[list[dict], dict]:
    rows = []
    for rule in sorted(expected):
        rows.append({"rule": rule, "expected": expected[rule], "got": got.get(rule, 0), "ok": got.get(rule, 0) == expected[rule]})
    extra = {r: c for r, c in sorted(got.items()) if r not in expected}
    return rows, extra


def bench_size(n: int, shape: str, args, tl: Taglint | None, tl_error: str | None) -> dict:
    man = corpus.cached(n, args.seed, args.taxonomy, shape=shape)
    root = Path(man.root)
    notes_dir = man.notes_dir
    taxonomy_file = str(root / "taxonomy.yaml")
    print(
        f"\n## {n} notes, {shape} front matter (seed {args.seed}, {man.total_bytes / 1e6:.1f} MB, taxonomy: {man.taxonomy_source})\n",
        flush=True,
    )
    rows: list[Row] = []
    result: dict = {
        "n": n,
        "shape": shape,
        "seed": args.seed,
        "corpus": str(root),
        "manifest": {
            k: getattr(man, k)
            for k in (
                "counts",
                "expected_zero",
                "fixable_notes",
                "one_note",
                "taxonomy_source",
                "styles",
                "crlf_files",
                "bom_files",
                "total_bytes",
                "generation_seconds",
            )
        },
    }
    failures: list[str] = []

    # Page cache warm-up: one untimed pass over every file, for all contenders.
    read_all(naive.list_notes(notes_dir))

    floor = Row("io-floor", note="os.walk + read bytes, in-process")
    for _ in range(args.repeat):
        t, nbytes = timed(io_floor, notes_dir)
        floor.times.append(t)
    floor.extra["bytes"] = nbytes
    rows.append(floor)

    start = Row("python-startup", note="`python -c pass`, best/median of 10")
    for _ in range(10):
        start.times.append(run_proc([sys.executable, "-c", "pass"], cwd=root).wall)
    rows.append(start)

    naive_counts = None
    if not args.skip_naive:
        for procs in (1, 2):
            row = Row(f"naive-{procs}proc", note=f"PyYAML CSafeLoader, {procs} process(es), in-process")
            for _ in range(args.repeat):
                t, counts = timed(naive.run, notes_dir, taxonomy_file, procs)
                row.times.append(t)
            bad = {r: (c, counts.get(r, 0)) for r, c in man.counts.items() if counts.get(r, 0) != c}
            bad.update({r: (0, counts[r]) for r in man.expected_zero if counts.get(r, 0)})
            row.extra["counts"] = {k: v for k, v in counts.items() if k != "files"}
            if bad:
                msg = f"naive-{procs}proc disagrees with the manifest (expected, got): {bad}"
                row.error = "sanity: " + msg
                failures.append(msg)
            naive_counts = naive_counts or counts
            rows.append(row)

    tl_rows = ["taglint-cold", "taglint-warm", "taglint-one", "taglint-fix"]
    if args.skip_taglint:
        pass
    elif tl is None:
        for w in tl_rows:
            rows.append(Row(w, error=tl_error))
    else:
        rows.extend(bench_taglint(tl, man, root, args, result, failures))

    result["rows"] = [r.as_dict() for r in rows]
    result["failures"] = failures
    print_table(rows)
    if "comparison" in result:
        print_comparison(result["comparison"], result.get("extra_rules", {}), man)
    if "fix_check" in result:
        fc = result["fix_check"]
        print(
            f"\nfix: {fc['changed_files']} files changed, {man.fixable_notes} notes had a "
            f"safe-fixable defect -> {'OK' if fc['ok'] else 'MISMATCH'}"
        )
    for f in failures:
        print(f"\nFAILED: {f}")
    return result


def bench_taglint(tl: Taglint, man: corpus.Manifest, root: Path, args, result: dict, failures: list[str]) -> list[Row]:
    rows: list[Row] = []
    fmt = tl.output_format

    def record(row: Row, r: ProcResult) -> None:
        row.times.append(r.wall)
        row.rss_mb = max(row.rss_mb or 0.0, r.maxrss_mb)
        row.extra.setdefault("returncodes", []).append(r.returncode)

    # Cold.
    cold = Row(
        "taglint-cold",
        note="check --no-cache, every cache dir cleared first"
        if tl.no_cache
        else "check, cache dirs cleared before each run (no --no-cache option)",
    )
    cold_counts = None
    try:
        for _ in range(args.repeat):
            clear_caches(root)
            r = tl.run(["check", "notes", *fmt] + (["--no-cache"] if tl.no_cache else []), root)
            cold_counts = check_run(r)
            record(cold, r)
    except RuntimeError as e:
        cold.error = str(e)
        failures.append(f"taglint-cold: {e}")
    rows.append(cold)

    if cold_counts is not None:
        comp, extra = compare(man.counts, cold_counts, man.expected_zero)
        result["comparison"] = comp
        result["extra_rules"] = extra
        result["taglint_counts"] = dict(cold_counts)
        for c in comp:
            if not c["ok"]:
                failures.append(f"rule {c['rule']}: expected {c['expected']}, taglint found {c['got']}")

    # Warm: prime the cache, then time the second run on unchanged files.
    warm = Row("taglint-warm", note="check with cache, 2nd run on unchanged files")
    try:
        clear_caches(root)
        prime = tl.run(["check", "notes", *fmt], root)
        check_run(prime)
        warm.extra["prime_s"] = prime.wall
        for _ in range(args.repeat):
            r = tl.run(["check", "notes", *fmt], root)
            warm_counts = check_run(r)
            record(warm, r)
        if cold_counts is not None and warm_counts != cold_counts:
            warm.error = f"warm findings differ from cold: {dict(warm_counts - cold_counts)} / {dict(cold_counts - warm_counts)}"
            failures.append("taglint-warm: " + warm.error)
    except RuntimeError as e:
        warm.error = str(e)
        failures.append(f"taglint-warm: {e}")
    rows.append(warm)

    # One file, with interpreter start-up.
    one = Row("taglint-one", note=f"check {man.one_note}, best/median of {args.one_runs}")
    try:
        for _ in range(args.one_runs):
            r = tl.run(["check", man.one_note], root)
            if r.returncode == 0 or (r.returncode == 1 and r.stdout):
                record(one, r)
            if r.returncode != 0:  # the note is clean: anything but 0 is worth a look
                raise RuntimeError(r.describe_failure())
    except RuntimeError as e:
        one.error = str(e)
        failures.append(f"taglint-one: {e}")
    rows.append(one)

    # Fix on a fresh copy (copy untimed).
    fix = Row("taglint-fix", note=f"fix notes on a fresh copy ({man.fixable_notes} notes to fix)")
    # Each run gets a fresh copy at the same path (so, like the cold runs, it finds the compiled
    # setup stored by an earlier run), and the previous copy is only renamed aside: all are
    # deleted after the last timed run. On this VM's ext4 (no journal) the inode allocator
    # skips, with a buffer look-up each, inodes freed in the last minute, so fix's temp files
    # created right after the harness deleted a 100k-note copy cost about twice the kernel
    # time (bench/README.md, "Caveats").
    work = OUT_DIR / f"fixwork-{man.n}-{man.seed}-{man.shape}"
    aside = [work.with_name(f"{work.name}.old-{k}") for k in range(args.repeat)]
    try:
        for old in aside:
            if work.exists():
                work.rename(old)
            work.mkdir(parents=True)
            for f in ("taxonomy.yaml", "taglint.toml"):
                shutil.copyfile(root / f, work / f)
            shutil.copytree(root / "rules", work / "rules")
            shutil.copytree(root / "notes", work / "notes")
            read_all(naive.list_notes(work / "notes"))  # same hot cache as the others
            # The copy leaves ~100 MB of dirty pages behind; fix's flush (syncfs or fsync)
            # would write them back inside the timed run. Flush them first, untimed.
            os.sync()
            r = tl.run(["fix", "notes"], work)
            if r.returncode not in (0, 1):
                raise RuntimeError(r.describe_failure())
            record(fix, r)
        changed = sum(
            1 for p in naive.list_notes(work / "notes") if Path(p).read_bytes() != (root / Path(p).relative_to(work)).read_bytes()
        )
        ok = changed == man.fixable_notes
        result["fix_check"] = {"changed_files": changed, "expected": man.fixable_notes, "ok": ok}
        fix.extra["changed_files"] = changed
        if not ok:
            failures.append(f"taglint-fix changed {changed} files, expected {man.fixable_notes}")
        if args.verify_fix:
            r = tl.run(["check", "notes", *fmt] + (["--no-cache"] if tl.no_cache else []), work)
            after = check_run(r)
            left = {k: after.get(k, 0) for k in corpus.SAFE_FIXABLE}
            result["fix_check"]["safe_fixable_left"] = left
            if any(left.values()):
                failures.append(f"after taglint fix, safe-fixable findings remain: {left}")
    except (RuntimeError, OSError) as e:
        fix.error = str(e)
        failures.append(f"taglint-fix: {e}")
    finally:
        for old in ([] if args.keep_fix_copy else [work]) + aside:
            shutil.rmtree(old, ignore_errors=True)
    rows.append(fix)
    return rows


# --------------------------------------------------------------------------------------
# output


def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def print_table(rows: list[Row]) -> None:
    by = {r.what: r for r in rows}
    floor = by.get("io-floor")
    nv = by.get("naive-1proc")
    print("| what | wall s (best) | median s | ratio to floor | ratio to naive-1proc | peak RSS MB | notes |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        if r.error and not r.times:
            print(f"| {r.what} | - | - | - | - | - | ERROR: {r.error[:240].replace('|', '/')} |")
            continue
        rf = r.best / floor.best if floor and floor.best and r.best is not None else None
        rn = r.best / nv.best if nv and nv.best and r.best is not None else None
        if r.what == "python-startup":  # a reference point, not a contender
            rf = rn = None
        note = r.note + (f"; ERROR: {r.error[:200]}" if r.error else "")
        print(
            f"| {r.what} | {_fmt(r.best)} | {_fmt(r.median)} | {_fmt(rf, '.2f')} | {_fmt(rn, '.2f')} "
            f"| {_fmt(r.rss_mb, '.0f')} | {note.replace('|', '/')} |"
        )


def print_comparison(comp: list[dict], extra: dict, man: corpus.Manifest) -> None:
    print("\ntaglint findings vs manifest (cold run):\n")
    for c in comp:
        status = "OK" if c["ok"] else "MISMATCH"
        print(f"  {status:8} {c['rule']:18} expected {c['expected']:>7}  got {c['got']:>7}")
    if extra:
        print("\n  rules not injected by the corpus (not compared):")
        for r, c in extra.items():
            why = " (the corpus is built not to trigger this one)" if r in man.expected_zero else ""
            print(f"    {r:18} {c:>7}{why}")


# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    shapes = ap.add_mutually_exclusive_group()
    shapes.add_argument(
        "--realistic",
        action="store_const",
        dest="shapes",
        const=("realistic",),
        help="only the realistic corpus (nested mappings, anchors, block scalars, ...)",
    )
    shapes.add_argument(
        "--flat", action="store_const", dest="shapes", const=("flat",), help="only the flat corpus (title, date, url, tags)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--taglint", default="taglint", help="command to run taglint (default: taglint)")
    ap.add_argument("--taxonomy", default="taxonomy.yaml", help="taxonomy file (default: repo root's)")
    ap.add_argument("--skip-naive", action="store_true", help="skip the naive baseline rows")
    ap.add_argument("--skip-taglint", action="store_true", help="skip every taglint row (smoke runs)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per timed row (best and median kept)")
    ap.add_argument("--one-runs", type=int, default=10, help="runs of the one-file check")
    ap.add_argument("--verify-fix", action="store_true", help="re-check the fixed copy")
    ap.add_argument("--keep-fix-copy", action="store_true", help="keep the last fix copy (bench/out/fixwork-*) until the next bench run")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.repeat = max(1, args.repeat)
    # Fix copies a killed (or --keep-fix-copy) run left: deleted now, minutes before any fix
    # row, not just before one (see the fix row for why that matters).
    for old in sorted(OUT_DIR.glob("fixwork-*")) if OUT_DIR.exists() else []:
        print(f"removing an earlier run's fix copy {old}")
        shutil.rmtree(old, ignore_errors=True)

    tl = tl_error = None
    if not args.skip_taglint:
        try:
            tl = Taglint.resolve(args.taglint)
            print(f"taglint: {tl.origin}  (--no-cache supported: {tl.no_cache})")
        except TaglintUnavailable as e:
            tl_error = f"taglint unavailable: {e}"
            print(tl_error)

    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {
        "started": stamp,
        "argv": sys.argv,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "taglint": tl.origin if tl else None,
        "taglint_error": tl_error,
        "sizes": [],
    }
    code = 0
    for n in sizes:
        for shape in args.shapes or corpus.SHAPES:
            res = bench_size(n, shape, args, tl, tl_error)
            results["sizes"].append(res)
        if any(f.startswith("naive") for f in res["failures"]):
            code = max(code, 2)
        elif res["failures"]:
            code = max(code, 1)
    if tl_error and not args.skip_taglint:
        code = max(code, 3)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"results-{stamp}.json"
    out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(f"\nresults: {out}")
    return code


if __name__ == "__main__":
    sys.exit(main())
