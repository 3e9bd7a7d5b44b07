#!/usr/bin/env python3
"""Rebuilds Gazette's gazetteers (Gazetteers/) from the staged public sources and Gazetteers/curated/.

Usage: Scripts/build-gazetteers.py [SOURCES_DIR] [--permissive-only] [--output DIR] [--curated DIR]

The builder is the package Scripts/gazetteer_builder (its docstring lists the files and the modules); its tests are
in Scripts/tests (run Scripts/test-python.sh). Standard library only.
"""
import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gazetteer_builder.cli import main
    sys.exit(main())
