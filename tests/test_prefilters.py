"""The cheap pre-filters added for speed must never hide what the full scans would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.text import contacts
from report_lint.text.contacts import _UNLABELLED_PHONE_RE, _may_hold_contact, find_contacts
from report_lint.text.normalize import digits_to_ascii as normalise

_CHARS = st.sampled_from(list("0123456789０１２３４５６７８９-（）() 年月日第段条件，。公开政府信息"))


def test_unlabelled_phone_with_full_width_digits_is_still_found():
    text = "如有疑问请致电０９５２－２０１２３４５，我们将及时答复。"
    assert _may_hold_contact(text)
    assert [c.kind for c in find_contacts(text)] == ["phone"]


def test_mobile_number_is_still_found():
    text = "联系人手机号码为13912345678，工作日接听"
    assert any(c.kind == "phone" for c in find_contacts(text.replace("手机", "")))


def test_numbered_prose_is_skipped():
    text = "第123段：本机关主动公开政府信息996条，其中规范性文件12件。"
    assert not _may_hold_contact(text)
    assert find_contacts(text) == []


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARS, min_size=0, max_size=40))
def test_seven_digit_filter_is_exact(text):
    full = len(text) >= 10 and _UNLABELLED_PHONE_RE.search(normalise(text)) is not None
    if full:
        assert contacts._SEVEN_DIGITS_RE.search(text) is not None
        assert _may_hold_contact(text)
