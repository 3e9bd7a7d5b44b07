import os
import subprocess
import sys

import pytest

from conftest import ROOT
from gazetteer_builder import cli


def test_importing_reads_no_arguments_and_no_files():
    script = "import sys; sys.argv = ['x', '--no-such-option']; import gazetteer_builder.cli, gazetteer_builder.__main__"
    result = subprocess.run([sys.executable, "-c", script], cwd=os.path.join(ROOT, "Scripts"), capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr


def test_defaults_point_into_the_checkout():
    arguments = cli.parse_arguments([])
    assert arguments.output == os.path.join(ROOT, "Gazetteers")
    assert arguments.sources.endswith(os.path.join("shared", "data", "gazetteer-sources"))
    assert not arguments.permissive_only
    assert cli.parse_arguments(["/src", "--permissive-only", "--output", "/out"]).permissive_only


SOURCES = os.environ.get("GAZETTE_GAZETTEER_SOURCES", os.path.join(ROOT, "..", "shared", "data", "gazetteer-sources"))


@pytest.mark.skipif(os.environ.get("GAZETTE_REBUILD_TEST") != "1",
                    reason="the full rebuild runs with GAZETTE_REBUILD_TEST=1 (Scripts/test-python.sh --rebuild)")
def test_rebuild_reproduces_the_committed_lists(tmp_path):
    """The committed Gazetteers/ is what the builder makes of the staged sources, byte for byte (about 30 s)."""
    assert os.path.isdir(SOURCES), f"no staged sources at {SOURCES} (set GAZETTE_GAZETTEER_SOURCES)"
    assert cli.main([SOURCES, "--output", str(tmp_path)]) == 0
    written = sorted(os.listdir(tmp_path))
    assert len(written) == 17
    for file in written:
        with open(tmp_path / file, "rb") as new, open(os.path.join(ROOT, "Gazetteers", file), "rb") as committed:
            assert new.read() == committed.read(), f"{file} differs from Gazetteers/{file}"
