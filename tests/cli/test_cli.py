"""The CLI contract other programs script against: exit codes, stdin/stdout, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ocrfix.cli import COMMANDS, main


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ocrfix", *args], input=stdin, capture_output=True, timeout=120
    )


def test_version(capsys):
    assert main(["--version"]) == 0
    assert "ocrfix" in capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: ocrfix " + command in out
    assert "example" in out.lower()


def test_no_command_and_unknown_command_are_usage_errors(capsys):
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["fix", "--no-such-option"]) == 2


def test_fix_reads_stdin_writes_stdout():
    result = run_cli("fix", stdin=b"Cong hoa xa hoi chu nghia Viet Nam\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.endswith("\n")
    assert "Việt Nam" in out


def test_fix_missing_file_names_it_and_exits_1():
    result = run_cli("fix", "no/such/file.txt")
    assert result.returncode == 1
    assert "no/such/file.txt" in result.stderr.decode()


def test_fix_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["fix", str(empty)]) == 1


def test_fix_writes_output_file(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("Ket qua thuc hien\n", encoding="utf-8")
    out = tmp_path / "sub" / "out.txt"
    assert main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("Kết quả")


def test_fix_explain_json_lists_tokens_with_spans(tmp_path, capsys):
    src = tmp_path / "in.txt"
    text = "Ket qua 2024"
    src.write_text(text, encoding="utf-8")
    assert main(["fix", str(src), "--explain", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows, "no tokens explained"
    for row in rows:
        assert text[row["start"] : row["end"]] == row["original"]
        assert 0.0 <= row["confidence"] <= 1.0


def test_fix_tone_style_option(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_text("Hòa bình, thủy lợi\n", encoding="utf-8")
    assert main(["fix", str(src), "--tone-style", "modern"]) == 0
    assert "Hoà bình, thuỷ lợi" in capsys.readouterr().out


def test_eval_files_and_json(tmp_path, capsys):
    truth = tmp_path / "t.txt"
    hyp = tmp_path / "h.txt"
    truth.write_text("Kết quả thực hiện công tác\n", encoding="utf-8")
    hyp.write_text("Kết quả thwe hiện công tác\n", encoding="utf-8")
    assert main(["eval", str(truth), str(hyp), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"]["syllable_accuracy"] == pytest.approx(5 / 6)


def test_eval_folders_pair_by_name_and_report_missing(tmp_path, capsys):
    (tmp_path / "t").mkdir()
    (tmp_path / "h").mkdir()
    for name, truth, hyp in [("a.txt", "một hai", "một hai"), ("b.txt", "ba bốn", "ba bon")]:
        (tmp_path / "t" / name).write_text(truth, encoding="utf-8")
        (tmp_path / "h" / name).write_text(hyp, encoding="utf-8")
    assert main(["eval", str(tmp_path / "t"), str(tmp_path / "h")]) == 0
    table = capsys.readouterr().out
    assert "TOTAL" in table and "75.00%" in table
    (tmp_path / "t" / "c.txt").write_text("năm", encoding="utf-8")
    assert main(["eval", str(tmp_path / "t"), str(tmp_path / "h")]) == 1
    assert "c.txt" in capsys.readouterr().err
