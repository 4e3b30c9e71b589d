"""The typed schema of rules/*.toml: every level rejects unknown keys and wrong types with an
error naming the file and the key; rule parameters are typed, with their defaults in one place."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from report_lint.paths import rules_dir, tomllib
from report_lint.profiles.load import (
    PARAM_TABLES,
    Contact,
    FormatRules,
    Profile,
    ProfileError,
    load_profiles,
)


def _rules_copy(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    return d


def _edit(d: Path, name: str, old: str, new: str) -> None:
    text = (d / name).read_text(encoding="utf-8")
    assert old in text, old
    (d / name).write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, text to replace, replacement, what the error must name)
UNKNOWN_KEYS = [
    ("gov-2021.toml", "[format_rules]\n", "[format_rules]\nfee_wrods = []\n", r"gov-2021\.toml: \[format_rules\]: unknown key 'fee_wrods'"),
    ("gov-base.toml", "[period]\n", "[period]\nrequried = false\n", r"gov-base\.toml: \[period\]: unknown key 'requried'"),
    ("base-2008.toml", "[contact]\n", "[contact]\nexpect = []\n", r"base-2008\.toml: \[contact\]: unknown key 'expect'"),
    ("seed-2018.toml", "[detect]\n", "[detect]\nmin_heading = 3\n", r"seed-2018\.toml: \[detect\]: unknown key 'min_heading'"),
    ("gov-2021.toml", "[profile]\n", "[profile]\nextend = 'x'\n", r"gov-2021\.toml: \[profile\]: unknown key 'extend'"),
    ("gov-2021.toml", "# Reports in the 2021", "colour = 1\n# Reports in the 2021", r"gov-2021\.toml: unknown top-level key 'colour'"),
    (
        "gov-base.toml",
        "[crossyear]\n",
        "[crossyear]\nsimilar_treshold = 0.5\n",
        r"gov-base\.toml: \[crossyear\]: unknown key 'similar_treshold'",
    ),
    (
        "gov-2021.toml",
        '[[crossyear.continuity]]\nkey = "in_force"\n',
        '[[crossyear.continuity]]\nkey = "in_force"\nsubstract = []\n',
        r"gov-2021\.toml: \[crossyear\] continuity 'in_force': unknown key 'substract'",
    ),
    ("gov-base.toml", "carry = { table", "carry = { tabel = 1, table", r"gov-base\.toml: \[crossyear\] carry: unknown key 'tabel'"),
]


@pytest.mark.parametrize("name,old,new,match", UNKNOWN_KEYS)
def test_unknown_key_in_a_table_names_file_and_key(tmp_path, name, old, new, match):
    d = _rules_copy(tmp_path)
    _edit(d, name, old, new)
    with pytest.raises(ProfileError, match=match):
        load_profiles(str(d))


def _first_entry_key(d: Path, name: str, array: str) -> str:
    data = tomllib.loads((d / name).read_text(encoding="utf-8"))
    return data[array][0]["key"]


@pytest.mark.parametrize("array", ["sections", "tables", "identities", "bindings"])
def test_unknown_key_in_an_array_entry_names_the_entry(tmp_path, array):
    d = _rules_copy(tmp_path)
    key = _first_entry_key(d, "gov-base.toml", array)
    _edit(d, "gov-base.toml", f'[[{array}]]\nkey = "{key}"\n', f'[[{array}]]\nkey = "{key}"\nrequried = true\n')
    with pytest.raises(ProfileError, match=rf"gov-base\.toml: \[\[{array}\]\] '{key}': unknown key 'requried'"):
        load_profiles(str(d))


@pytest.mark.parametrize("part", ["rows", "cols"])
def test_unknown_key_in_a_row_or_column(tmp_path, part):
    d = _rules_copy(tmp_path)
    data = tomllib.loads((d / "gov-base.toml").read_text(encoding="utf-8"))
    table = next(t for t in data["tables"] if t.get(part))
    first = table[part][0]["key"]
    text = (d / "gov-base.toml").read_text(encoding="utf-8")
    old = f'key = "{first}"'
    i = text.index(f'key = "{table["key"]}"')
    j = text.index(old, i)
    (d / "gov-base.toml").write_text(text[:j] + old + "\nlable = 'x'" + text[j + len(old) :], encoding="utf-8")
    with pytest.raises(ProfileError, match=rf"gov-base\.toml: \[\[tables\]\] '{table['key']}' {part} '{first}': unknown key 'lable'"):
        load_profiles(str(d))


WRONG_TYPES = [
    (
        "gov-2021.toml",
        "overview_max_chars = 1000",
        'overview_max_chars = "1000"',
        r"\[format_rules\] overview_max_chars: expected a whole number, got str",
    ),
    ("gov-2021.toml", "fee_statement_required = true", "fee_statement_required = 1", r"fee_statement_required: expected true or false"),
    ("gov-2021.toml", 'fee_words = ["信息处理费"', 'fee_words = [1, "信息处理费"', r"fee_words #1: expected a string, got int"),
    ("gov-base.toml", 'county = "02-20"', "county = 220", r"gov-base\.toml: \[regulation\] deadlines\.county: expected a string"),
    ("base-2008.toml", "required = true", 'required = "yes"', r"base-2008\.toml: \[period\] required: expected true or false"),
    ("gov-2021.toml", "years = [2021, 2100]", 'years = ["2021", 2100]', r"\[profile\] years #1: expected a whole number"),
    ("gov-base.toml", 'placeholders = ["', 'placeholders = [1, "', r"gov-base\.toml: placeholders #1: expected a string"),
    (
        "gov-base.toml",
        "similar_threshold = 0.6",
        'similar_threshold = "0.6"',
        r"gov-base\.toml: \[crossyear\] similar_threshold: expected a number, got str",
    ),
    (
        "gov-2021.toml",
        'subtract = ["repealed"]',
        'subtract = "repealed"',
        r"gov-2021\.toml: \[crossyear\] continuity 'in_force' subtract: expected a list",
    ),
]


@pytest.mark.parametrize("name,old,new,match", WRONG_TYPES)
def test_wrong_type_names_file_and_key(tmp_path, name, old, new, match):
    d = _rules_copy(tmp_path)
    if old not in (d / name).read_text(encoding="utf-8"):
        pytest.skip(f"{name} has no {old!r}")
    _edit(d, name, old, new)
    with pytest.raises(ProfileError, match=match):
        load_profiles(str(d))


def test_wrong_type_in_a_binding(tmp_path):
    d = _rules_copy(tmp_path)
    key = _first_entry_key(d, "gov-base.toml", "bindings")
    _edit(d, "gov-base.toml", f'[[bindings]]\nkey = "{key}"\n', f'[[bindings]]\nkey = "{key}"\nseverity = 2\n')
    with pytest.raises(ProfileError, match=rf"\[\[bindings\]\] '{key}' severity: expected a string, got int"):
        load_profiles(str(d))


def test_entry_key_must_fit_refs(tmp_path):
    d = _rules_copy(tmp_path)
    (d / "gov-test.toml").write_text(
        '[profile]\nname = "gov-test"\nextends = "gov-2021"\nyears = [2200, 2201]\n\n[[sections]]\nkey = "Over View"\ntitle = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"gov-test\.toml: \[\[sections\]\] 'Over View': key 'Over View' may hold only"):
        load_profiles(str(d))


def test_builtin_profiles_pass_the_schema():
    profiles = load_profiles()
    assert profiles["gov-2021"].params.format_rules.overview_max_chars == 1000
    assert profiles["seed-2018"].params.detect.min_headings == 6
    assert profiles["seed-2018"].params.contact.expected == ["phone"]
    assert profiles["base-2008"].params.period.required is True
    assert profiles["gov-2021"].params.regulation.deadlines["county"] == "02-20"


def test_defaults_agree_with_the_data():
    """The default of a parameter is what the shipped profiles say when they set it (review §3.7:
    fee_words once had a "费用" the data does not)."""
    profiles = load_profiles()
    given = profiles["gov-2021"].format_rules
    assert FormatRules().fee_words == given["fee_words"]
    assert FormatRules().fee_section == given["fee_section"]
    assert FormatRules().overview_section == given["overview_section"]


def test_unset_parameters_take_their_defaults():
    p = load_profiles()["gov-2019"]
    assert set(p.format_rules) == {"doubled_chars", "reduplications"}  # the text-quality lists, from gov-base
    fr = p.params.format_rules
    assert fr == FormatRules(doubled_chars=fr.doubled_chars, reduplications=fr.reduplications)
    assert p.params.format_rules.overview_max_chars == 0


def test_profile_made_in_code_is_checked_too():
    p = Profile(name="t", title={"zh": "t", "en": "t"}, contact={"expect": ["phone"]})
    with pytest.raises(ProfileError, match=r"t: \[contact\]: unknown key 'expect'"):
        _ = p.params
    assert Profile(name="t", title={"zh": "t", "en": "t"}, contact={"expected": ["phone"]}).params.contact == Contact(["phone"])


def test_every_parameter_has_a_default():
    for cls in PARAM_TABLES.values():
        cls()  # every field has a default: a profile may leave any key out
        assert fields(cls)


def test_entry_without_a_required_field(tmp_path):
    d = _rules_copy(tmp_path)
    (d / "gov-test.toml").write_text(
        '[profile]\nname = "gov-test"\nextends = "gov-2021"\nyears = [2200, 2201]\n\n[[sections]]\nkey = "extra"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"gov-test\.toml \[gov-test\]: missing 'title'"):
        load_profiles(str(d))


def test_a_new_field_needs_no_other_change():
    """The schema is read from the dataclasses: a field added to one is a key profiles may
    set (checked for type) and that the built entry carries."""
    from dataclasses import dataclass

    from report_lint.profiles.load import _check, _entry

    @dataclass
    class Extended:
        key: str
        exceptions: list[str] | None = None

    assert _entry(Extended, {"key": "a", "exceptions": ["x"]}, "w").exceptions == ["x"]
    _check({"key": "a", "exceptions": ["x"]}, Extended, "w")
    with pytest.raises(ProfileError, match=r"w exceptions #1: expected a string"):
        _check({"key": "a", "exceptions": [1]}, Extended, "w")


def test_crossyear_entry_without_a_required_key(tmp_path):
    d = _rules_copy(tmp_path)
    _edit(d, "gov-base.toml", 'previous_row = "carry_next", ', "")
    with pytest.raises(ProfileError, match=r"gov-base\.toml: \[crossyear\] carry: missing 'previous_row'"):
        load_profiles(str(d))


def test_crossyear_parameters_are_typed():
    cy = load_profiles()["gov-2021"].params.crossyear
    assert cy.carry is not None and (cy.carry.table, cy.carry.row, cy.carry.previous_row) == ("requests", "carried", "carry_next")
    assert [c.key for c in cy.continuity] == ["in_force"] and cy.continuity[0].previous_cell == "in_force"
    assert cy.similar_threshold == 0.6 and cy.configured
    assert not Profile(name="t", title={"zh": "t", "en": "t"}).params.crossyear.configured
