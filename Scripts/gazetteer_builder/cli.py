"""The command line: where the sources, the curated lists and the output are; then the whole build."""
import argparse
import json
import os

from .context import Build
from .evidence import Evidence
from .pipeline import build_gazetteers

#: The checkout: Scripts/gazetteer_builder/cli.py is two folders below it.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(
        prog="Scripts/build-gazetteers.py",
        description="Rebuilds Gazetteers/ from the staged public sources and Gazetteers/curated/.")
    parser.add_argument("sources", nargs="?",
                        default=os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "gazetteer-sources")),
                        help="the staged sources (default: ../shared/data/gazetteer-sources beside the checkout)")
    parser.add_argument("--permissive-only", action="store_true",
                        help="leave out the share-alike and LGPL additions (places-sa.tsv, organizations-sa.tsv)")
    parser.add_argument("--output", default=os.path.join(ROOT, "Gazetteers"),
                        help="where to write the lists (default: Gazetteers/)")
    parser.add_argument("--curated", default=None,
                        help="the hand-curated lists (default: Gazetteers/curated/ of the checkout)")
    return parser.parse_args(argv)


def main(argv=None):
    """Builds every list and prints how many rows each file got."""
    arguments = parse_arguments(argv)
    sources = os.path.abspath(arguments.sources)
    curated = arguments.curated or os.path.join(ROOT, "Gazetteers", "curated")
    os.makedirs(arguments.output, exist_ok=True)
    evidence = Evidence.load(lambda *parts: os.path.join(sources, *parts))
    build = Build(sources=sources, curated=curated, output=arguments.output, evidence=evidence)
    written = build_gazetteers(build, permissive_only=arguments.permissive_only)
    print(json.dumps(written, indent=1))
    return 0
