"""Core benchmarks, as ratios against a baseline measured in the same run, interleaved run by
run (these machines are noisy, so only ratios mean anything), with caches truly cold where a
row says cold: a fresh process, or in-process with the scenario and expression caches cleared.

    .venv/bin/python -m benchmarks.bench_core [--repeat 5] [--sizes 10000,50000] [--quick]

Rows and their targets (issue 13):
  launch      `main.py --help`, and `main.py validate` start-up     <= 1.5x  import yaml
  validate    `main.py validate scenarios/` with rules, cold        <= 5x   import yaml, networkx
              one shipped scenario (the largest), cold              <= 2x  the same
              the folder again, unchanged (persistent cache)        <= 1.2x the same
  large       cold load+validate of generated 10k/50k-node files    <= 0.5x the C-loader parse
              (yaml-rs, a YAML 1.2 parser, measured beside it: never used for scenarios)
  explore     rules check and analyse on unguarded loops: time, and peak memory <= 300 MB
  apply       `engine.apply` at step 1 and step 16,000 (the same cost is the target)
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc

import yaml

from benchmarks.generate import generate, generate_loop

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable
MAIN = os.path.join(ROOT, "main.py")
SCENARIOS = os.path.join(ROOT, "scenarios")


def run(argv, env=None) -> float:
    """Wall time of one fresh process."""
    t = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def interleaved(base, cand, repeat: int) -> tuple[float, float, float]:
    """(median baseline s, median candidate s, median of the per-pair ratios), alternating
    baseline and candidate so that load on the machine hits both alike."""
    bs, cs, ratios = [], [], []
    for _ in range(repeat):
        b = base()
        c = cand()
        bs.append(b)
        cs.append(c)
        ratios.append(c / b)
    return statistics.median(bs), statistics.median(cs), statistics.median(ratios)


def row(name, target, b, c, ratio):
    ok = "ok" if ratio <= target else "OVER"
    print(f"  {name:<46} {b * 1e3:>8.0f}ms {c * 1e3:>8.0f}ms {ratio:>6.2f}x  (<= {target}x) {ok}")


def launch_rows(repeat: int, cache_env: dict) -> None:
    print("launch (fresh processes)                         baseline  command  ratio")
    base = lambda: run([PY, "-c", "import yaml"])  # noqa: E731
    empty = tempfile.mkdtemp(prefix="doorstep-bench-empty-")
    row("main.py --help", 1.5, *interleaved(base, lambda: run([PY, MAIN, "--help"]), repeat))
    row("main.py validate (start-up: an empty folder)", 1.5,
        *interleaved(base, lambda: run([PY, MAIN, "validate", empty], cache_env), repeat))
    shutil.rmtree(empty, ignore_errors=True)


def validate_rows(repeat: int, cache_env: dict) -> None:
    print("validate (fresh processes, rules checked)        baseline  command  ratio")
    base = lambda: run([PY, "-c", "import yaml, networkx"])  # noqa: E731
    cold = [PY, MAIN, "validate", "--no-cache", SCENARIOS]
    row("scenarios/, cold", 5, *interleaved(base, lambda: run(cold, cache_env), repeat))
    largest = max((os.path.join(SCENARIOS, f) for f in os.listdir(SCENARIOS)
                   if f.endswith(".yaml")), key=os.path.getsize)
    one = [PY, MAIN, "validate", "--no-cache", largest]
    row(f"{os.path.basename(largest)}, cold", 2,
        *interleaved(base, lambda: run(one, cache_env), repeat))
    warm = [PY, MAIN, "validate", SCENARIOS]
    run(warm, cache_env)  # fill the persistent cache once
    row("scenarios/, warm (unchanged, cached)", 1.2,
        *interleaved(base, lambda: run(warm, cache_env), repeat))


def _cold_check(data: bytes, name: str):
    from game.core import loader
    loader._CACHE.clear()
    loader._COND_CACHE.clear()
    loader._EFFECT_CACHE.clear()
    gc.collect()
    t = time.perf_counter()
    scenario, problems = loader.check_bytes(data, name, ".")
    took = time.perf_counter() - t
    assert scenario is not None, problems[:3]
    return took


def large_rows(sizes, repeat: int) -> None:
    try:
        import yaml_rs
    except ImportError:
        yaml_rs = None
    print("large files (in process, caches cleared)         C parse  load+val  ratio"
          "   yaml-rs parse")
    for size in sizes:
        text = generate(size, seed=size)
        data = text.encode()
        name = f"generated-{size}.yaml"
        rs = []

        def base():
            t = time.perf_counter()
            yaml.load(text, Loader=yaml.CSafeLoader)
            took = time.perf_counter() - t
            if yaml_rs is not None:
                t = time.perf_counter()
                yaml_rs.loads(text)
                rs.append(time.perf_counter() - t)
            return took
        b, c, ratio = interleaved(base, lambda: _cold_check(data, name), repeat)
        extra = f"   {statistics.median(rs) * 1e3:>6.0f}ms ({statistics.median(rs) / b:.2f}x)" \
            if rs else "   (yaml-rs not installed)"
        ok = "ok" if ratio <= 0.5 else "OVER"
        print(f"  {size:>6} nodes, {len(data) / 1e6:5.1f} MB                     "
              f"{b * 1e3:>7.0f}ms {c * 1e3:>8.0f}ms {ratio:>6.2f}x {ok}{extra}")


def explore_rows(size: int) -> None:
    from game.core import loader, rules
    from game.core.analysis import _analyse
    print("route walks on unguarded loops (in process)      seconds   peak MB  (<= 300 MB)")
    cases = {"loop": generate_loop(size), "loop + count": generate_loop(size, counter=True),
             "loop + 50 flags": generate_loop(size, variables=50)}
    for label, text in cases.items():
        scenario = loader.load_text(text, f"generated-{size}.yaml")
        for what, fn in (("rules", lambda: rules.check_rules(scenario)),
                         ("analyse", lambda: _analyse(scenario))):
            gc.collect()
            tracemalloc.start()
            t = time.perf_counter()
            fn()
            took = time.perf_counter() - t
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            ok = "ok" if peak <= 300 else "OVER"
            print(f"  {what + ', ' + label + f' ({size} nodes)':<46} {took:>8.2f}s "
                  f"{peak:>8.0f}   {ok}")


def apply_rows() -> None:
    import timeit
    from game.core import engine, loader
    print("engine.apply (in process)                        step 1   step 16000  ratio")
    text = generate_loop(60)
    scenario = loader.load_text(text, "generated-60.yaml")
    state = engine.to_next_decision(scenario, engine.start(scenario, "assessed"))
    first = state
    def visits(s):  # what a condition calling visits() reads, at a state it has not asked yet
        return engine._Context(dict(s.variables), s.route, s.history).visits["c0"]

    while len(state.history) < 16_000:  # go round the loop: the route grows step by step
        options = engine.offered(scenario, state)
        state = engine.to_next_decision(scenario, engine.apply(scenario, state, options[-1]))
        visits(state)  # as a story whose conditions read visits() would, every step
    times, counts = [], []
    for s in (first, state):
        choice = engine.offered(scenario, s)[-1]
        times.append(min(timeit.repeat(lambda: engine.apply(scenario, s, choice), number=200,
                                       repeat=5)) / 200)
        counts.append(min(timeit.repeat(lambda: visits(engine.apply(scenario, s, choice)),
                                        number=200, repeat=5)) / 200 - times[-1])
    print(f"  {'apply one choice':<46} {times[0] * 1e6:>6.0f}us {times[1] * 1e6:>9.0f}us "
          f"{times[1] / times[0]:>6.1f}x  (target 1x)")
    print(f"  {'visits() after it':<46} {counts[0] * 1e6:>6.0f}us {counts[1] * 1e6:>9.0f}us "
          f"{counts[1] / max(counts[0], 1e-9):>6.1f}x  (target 1x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--loop-size", type=int, default=9000)
    ap.add_argument("--quick", action="store_true", help="fewer repeats and smaller files")
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.sizes, args.loop_size = 3, "10000", 2000
    cache_dir = tempfile.mkdtemp(prefix="doorstep-bench-cache-")
    cache_env = {**os.environ, "DOORSTEP_CACHE_DIR": cache_dir}
    try:
        launch_rows(args.repeat, cache_env)
        validate_rows(args.repeat, cache_env)
        large_rows([int(s) for s in args.sizes.split(",")], args.repeat)
        explore_rows(args.loop_size)
        apply_rows()
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
