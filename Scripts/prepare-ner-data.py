#!/usr/bin/env python3
"""Writes the train / validation / held-out slices of the NER data staged in ../shared/data/ner-extra.

Usage: Scripts/prepare-ner-data.py --output DIR [--data ../shared/data] [--sources gum,btc]

The package is Scripts/ner_data (its docstring says what is written); tests in Scripts/tests/test_ner_data.py.
Standard library only.
"""
import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from ner_data.cli import main
    sys.exit(main())
