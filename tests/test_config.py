import pytest

from report_lint.app.config import ConfigError, find_config, load_config_file


def test_pyproject_section_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.report-lint]\nfail-on = "warning"\nignore = ["C006"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = find_config(sub / "r.docx")
    assert cfg.get("fail-on") == "warning" and cfg.get("ignore") == ["C006"]


def test_report_lint_toml_wins_over_pyproject_in_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.report-lint]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "report-lint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert find_config(tmp_path).get("lang") == "zh"


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    assert find_config(tmp_path).path is None


def test_unknown_key_is_a_clear_error(tmp_path):
    p = tmp_path / "report-lint.toml"
    p.write_text("fail_on = 'warning'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'fail_on'"):
        load_config_file(p)


def test_per_file_ignores(tmp_path):
    p = tmp_path / "report-lint.toml"
    p.write_text('[per-file-ignores]\n"old/*.txt" = ["D001", "S"]\n', encoding="utf-8")
    cfg = load_config_file(p)
    (tmp_path / "old").mkdir()
    assert cfg.ignores_for(str(tmp_path / "old" / "a.txt")) == ["D001", "S"]
    assert cfg.ignores_for(str(tmp_path / "new.txt")) == []
