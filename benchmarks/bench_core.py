"""Core benchmarks: parse, load+validate, analysis, cached reload and applying a choice, on
generated valid scenarios of 1k, 10k and 50k nodes. Reported as ratios against the raw
C-loader parse of the same file measured in the same run, because these machines are noisy.

    .venv/bin/python -m benchmarks.bench_core [--sizes 1000,10000,50000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import time
import timeit

import yaml

from benchmarks.generate import generate
from game.core import engine, loader
from game.core.analysis import analyse

TARGETS = "targets: load+validate <= 1.5x raw parse, linear in size; analysis of 10k nodes " \
          "< 2 s; cached reload <= 0.10x raw parse; apply a choice < 50 us"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(size: int, repeat: int) -> dict:
    text = generate(size, seed=size)
    data = text.encode()
    raw = median_time(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)

    def fresh_load():
        loader._CACHE.clear()
        scenario, problems = loader.check_bytes(data, f"generated-{size}.yaml", ".")
        assert scenario is not None, problems
        return scenario
    load = median_time(fresh_load, repeat)
    scenario = fresh_load()
    cached = median_time(lambda: loader.check_bytes(data, f"generated-{size}.yaml", "."),
                         max(repeat, 5))

    def fresh_analysis():
        from game.core import analysis
        analysis._CACHE.pop(scenario, None)
        analyse(scenario)
    analysis_time = median_time(fresh_analysis, repeat)
    state = engine.to_next_decision(scenario, engine.start(scenario, "assessed"))
    choice = engine.offered(scenario, state)[0]
    n = 2000
    apply_us = min(timeit.repeat(lambda: engine.apply(scenario, state, choice), number=n,
                                 repeat=5)) / n * 1e6
    return {"size": size, "nodes": len(scenario.nodes), "mb": len(data) / 1e6, "raw": raw,
            "load": load, "cached": cached, "analysis": analysis_time, "apply_us": apply_us}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = [bench(int(s), args.repeat) for s in args.sizes.split(",")]
    print(f"{'nodes':>7} {'MB':>6} {'raw parse':>10} {'load+valid':>11} {'ratio':>6} "
          f"{'per node':>9} {'cached':>8} {'ratio':>6} {'analysis':>9} {'apply':>8}")
    for r in rows:
        print(f"{r['nodes']:>7} {r['mb']:>6.2f} {r['raw']:>9.3f}s {r['load']:>10.3f}s "
              f"{r['load'] / r['raw']:>5.2f}x {r['load'] / r['nodes'] * 1e6:>7.1f}us "
              f"{r['cached'] * 1e3:>6.2f}ms {r['cached'] / r['raw']:>5.3f}x "
              f"{r['analysis']:>8.3f}s {r['apply_us']:>6.1f}us")
    print(TARGETS)


if __name__ == "__main__":
    main()
