"""National-format narrative bindings on sentences real reports write."""

from report_lint.checks.narrative import find_mentions

from lintutil import context_for

TITLE = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n"


def mentions(sentence: str):
    ctx = context_for(TITLE + sentence + "\n", "gov-2021", 2021)
    return {m.binding.key: (m.quantity.value if m.quantity else None, m.zero) for m in find_mentions(ctx)}


def test_parenthetical_breakdown_binds_each_figure():
    got = mentions("本年度共收到政府信息公开申请3120件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。")
    assert got == {
        "requests.new": (3120, False),
        "requests.answered": (3050, False),
        "requests.carried": (34, False),
        "requests.carry_next": (103, False),
    }


def test_bare_answer_count_is_not_bound():
    # "答复X件" alone may count only one kind of answer: staying silent is the precise choice.
    assert "requests.answered" not in mentions("全年答复申请人咨询86件。")


def test_granted_is_not_confused_with_refused_or_partial():
    got = mentions("其中予以公开20件，部分公开5件，不予以公开3件。")
    assert got["requests.granted"] == (20, False) and got["requests.partial"] == (5, False)
