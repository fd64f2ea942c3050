"""Explain a date that is not YYYY[-MM[-DD]] and spell out the corrected value.

Editors write `2024/3/14`, `2024年3月14日` or `二〇二四年三月`; the message says
what is wrong and the hint gives the exact line to write instead. Used by the
validator and by `new`'s `--date` option, so both say the same thing.
"""

from __future__ import annotations

import datetime
import re

from site_src.model.article import PartialDate

DATE_FORMS_HINT = "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14"


def diagnose_date(raw: str) -> tuple[str, str]:
    """Say why `raw` is not a YYYY[-MM[-DD]] date and spell out the corrected value."""
    loose = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*[日号]?|月)?",
                         raw)
    if loose:
        return _numeric_date_problem(raw, *loose.groups())
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}[ T].*", raw):
        return (f"date '{raw}' has a time of day",
                f"write only the day: `date: {raw[:10].strip()}`")
    chinese = re.fullmatch(r"(?:(.+?)年)?(?:(.+?)月)?(?:(.+?)[日号])?", raw)
    if chinese and any(chinese.groups()):
        year, month, day = (_chinese_number(g) for g in chinese.groups())
        if None not in [v for v, g in zip((year, month, day), chinese.groups(), strict=True) if g]:
            if year is None:
                example = f"2024-{month:02d}" if month else "2024"
                return (f"date '{raw}' has no year",
                        f"a date needs its year in digits: write e.g. `date: {example}` "
                        f"if it is {raw} of 2024, or leave `date` out if the year is unknown")
            return _numeric_date_problem(raw, str(year), month and str(month), day and str(day))
    return f"date '{raw}' is not a date", DATE_FORMS_HINT


def _numeric_date_problem(raw: str, year: str, month: str | None, day: str | None
                          ) -> tuple[str, str]:
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        return f"date '{raw}' is not a valid date (month {m})", DATE_FORMS_HINT
    if d is not None:
        try:
            datetime.date(y, m, d)
        except ValueError:
            return (f"date '{raw}' is not a valid date ({y:04d}-{m:02d} has no day {d})",
                    DATE_FORMS_HINT)
    fixed = PartialDate(y, m, d).iso()
    return (f"date '{raw}' is not written as YYYY-MM-DD, YYYY-MM or YYYY",
            f"write `date: {fixed}`")


def _chinese_number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    import cn2an  # 0.15 s to import: only dates in Chinese numerals need it

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        # 二〇二四 is read digit by digit, which cn2an's "smart" mode does not do.
        digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                  "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
        if all(ch in digits for ch in text):
            return int("".join(digits[ch] for ch in text))
        return None
    return int(value) if float(value).is_integer() else None
