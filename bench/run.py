"""One command for the whole benchmark: the builds at each size, then the service, printing both tables.

    .venv/bin/python -m bench --posts 1000 5000 --repetitions 3 --seconds 10

Peers are installed into bench/work/venv on the first run; results go to bench/results/ as JSON.
"""

from __future__ import annotations

import argparse

from bench import build_bench, service_bench


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000], help="corpus sizes, e.g. 1000 5000 20000")
    parser.add_argument("--only", choices=("build", "service"), help="run one part only")
    build_bench.add_arguments(parser)
    service_bench.add_arguments(parser)
    arguments = parser.parse_args(argv)
    tables = []
    if arguments.only != "service":
        for posts in arguments.posts:
            results = build_bench.run_build_bench(build_bench.options_from(arguments, posts))
            tables.append(f"{build_bench.build_table(results)}\nResults: {results['json']}")
            print(tables[-1], "", sep="\n", flush=True)
    if arguments.only != "build":
        data = service_bench.run_service_bench(
            seconds=arguments.seconds, connections=arguments.connections,
            isso=not (arguments.no_isso or arguments.no_peers), work_dir=arguments.work_dir,
            results_dir=arguments.results_dir, client=arguments.client,
        )
        print(f"{service_bench.service_table(data)}\nResults: {data['json']}", flush=True)


if __name__ == "__main__":
    main()
