"""Inputs: folders, globs, manifests (text and CSV), unique names, the output folder skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocrfix.batch.inputs import collect_inputs
from ocrfix.exceptions import UsageError


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_walked_recursively_for_documents(tmp_path: Path) -> None:
    for name in ("a/x.pdf", "a/b/y.txt", "a/b/z.png", "a/notes.md", "a/.hidden/w.txt",
                 "a/out/old.txt"):
        touch(tmp_path / name)
    items, errors = collect_inputs([str(tmp_path / "a")], exclude=str(tmp_path / "a" / "out"))
    assert errors == []
    assert [item.name for item in items] == ["x", "b/y", "b/z"]
    assert all(Path(item.path).is_absolute() for item in items)


def test_colliding_names_never_share_outputs(tmp_path: Path) -> None:
    one, two = touch(tmp_path / "p/doc.txt"), touch(tmp_path / "q/doc.txt")
    three = touch(tmp_path / "p/doc.pdf")
    items, _ = collect_inputs([str(one), str(two), str(three), str(one)])
    assert len(items) == 3  # the repeated path counts once
    assert len({item.name for item in items}) == 3
    assert all(item.name.startswith("doc-") for item in items)
    again, _ = collect_inputs([str(one), str(two), str(three)])
    assert [i.name for i in again] == [i.name for i in items]  # stable across runs


def test_globs_and_missing_paths(tmp_path: Path) -> None:
    touch(tmp_path / "s/1.pdf")
    touch(tmp_path / "s/2.pdf")
    touch(tmp_path / "s/3.txt")
    items, errors = collect_inputs([str(tmp_path / "s/*.pdf"), str(tmp_path / "none.txt"),
                                    str(tmp_path / "zz*.pdf")])
    assert [item.name for item in items] == ["1", "2"]
    assert [(Path(e.file).name, e.kind) for e in errors] == [("none.txt", "InputError"),
                                                             ("zz*.pdf", "InputError")]


def test_text_manifest_is_relative_to_its_folder(tmp_path: Path) -> None:
    touch(tmp_path / "docs/a.txt")
    touch(tmp_path / "docs/sub/b.pdf")
    manifest = touch(tmp_path / "docs/list.txt", "# archive box 3\na.txt\n\nsub/b.pdf\n")
    items, _ = collect_inputs([], manifest=str(manifest))
    assert [(Path(i.path).name, i.name) for i in items] == [("a.txt", "a"), ("b.pdf", "b")]


def test_csv_manifest_ids_name_the_outputs(tmp_path: Path) -> None:
    touch(tmp_path / "a.txt")
    touch(tmp_path / "b.txt")
    manifest = touch(tmp_path / "m.csv", "id,path\nQĐ 12/2020,a.txt\n,b.txt\n")
    items, _ = collect_inputs([], manifest=str(manifest))
    assert [i.name for i in items] == ["QĐ_12_2020", "b"]


def test_csv_manifest_without_path_column_is_a_usage_error(tmp_path: Path) -> None:
    manifest = touch(tmp_path / "m.csv", "id,name\n1,a\n")
    with pytest.raises(UsageError, match="path"):
        collect_inputs([], manifest=str(manifest))


def test_manifest_run_end_to_end(tmp_path: Path) -> None:
    from batch_helpers import read_jsonl, run_cli

    touch(tmp_path / "a.txt", "Số: 5/QĐ-UBND\n")
    manifest = touch(tmp_path / "m.csv", "path,id\na.txt,hs-001\nmissing.txt,hs-002\n")
    out = tmp_path / "out"
    assert run_cli("--manifest", str(manifest), "--out", str(out), "--plugin",
                   "batch_fakes:FAKE", "-q", "--jobs", "1") == 1
    assert [r["id"] for r in read_jsonl(out / "records.jsonl")] == ["hs-001"]
    assert (out / "hs-001.json").exists()
    assert [e["kind"] for e in read_jsonl(out / "errors.jsonl")] == ["InputError"]
