"""Scripts/derive-norp-conll.py on a small CoNLL text of our own."""
import collections
import importlib.util
import os

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "derive-norp-conll.py")
spec = importlib.util.spec_from_file_location("derive_norp_conll", SCRIPT)
derive_norp_conll = importlib.util.module_from_spec(spec)
spec.loader.exec_module(derive_norp_conll)


def test_misc_chunks_of_norp_forms_become_norp(tmp_path):
    groups = tmp_path / "groups.tsv"
    groups.write_text("# a comment\nname\tlabel\tid\taliases\n"
                      "Quillian\tNORP\tgz:norp/quillian\tQuillians|?Quillish\n"
                      "Lanternite\tNORP\tgz:norp/lanternite\t\n"
                      "Quillia\tLOC\tgz:loc/quillia\tQuillians Land\n", encoding="utf-8")
    forms = derive_norp_conll.norp_forms(str(groups))
    assert forms == {"quillian", "quillians", "quillish", "lanternite"}
    lines = ["-DOCSTART- -X- O O\n", "\n",
             "QUILLIAN NNP I-NP I-MISC\n",          # a headline: case does not matter
             "Quillian NNP I-NP I-MISC\n",           # IOB1: the next chunk starts with B-
             "Lanternite NNP I-NP B-MISC\n",
             "Cup NNP I-NP I-MISC\n",                # "Lanternite Cup" is not NORP
             "and CC O O\n",
             "Quillish-Lanternite JJ I-NP I-MISC\n",  # every hyphen part is a form
             "Quillians NNPS I-NP I-ORG\n",          # not MISC: untouched
             "Quillian JJ I-NP I-MISC\r\n",
             "\n"]
    changed = collections.Counter()
    out = derive_norp_conll.derive(lines, forms, changed)
    assert [line.split()[-1] if line.strip() else "" for line in out] == [
        "O", "", "I-NORP", "I-NORP", "B-MISC", "I-MISC", "O", "I-NORP", "I-ORG", "I-NORP", ""]
    # Only the tag changes: the line's other fields and its ending stay as they were.
    assert out[9] == "Quillian JJ I-NP I-NORP\r\n"
    assert changed == {"QUILLIAN Quillian": 1, "Quillish-Lanternite": 1, "Quillian": 1}
