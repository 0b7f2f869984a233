"""Normalising a matched date expression to a TimeML value: one function per rule
action. Inputs are the match's named groups already mapped to lexicon values;
nothing here knows any language.

Anchoring of bare weekdays, months and day-months follows the clause tense:
"past" (the default for news) takes the most recent one on or before the
reference date, "future" the next one after it, "present" the nearest one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
UNIT_PRECISION = {"S": "time", "MIN": "time", "H": "time", "D": "day", "W": "week", "M": "month", "Q": "month",
                  "Y": "year", "DE": "decade", "CE": "century", "WE": "week"}
SET_PRECISION = {"P1D": "day", "P1W": "week", "P1M": "month", "P1Y": "year", "P3M": "month", "P6M": "month"}


@dataclass(frozen=True)
class Resolved:
    type: str
    value: str | None
    precision: str
    approximate: bool = False
    value_end: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class Context:
    """What an action sees: the groups (group -> lexicon value or matched digits), the raw
    group texts, the reference date and the clause tense ('past', 'present', 'future')."""
    fields: Mapping[str, Any]
    texts: Mapping[str, str]
    ref: dt.date | None
    tense: str | None

    def get(self, name: str, default: Any = None) -> Any:
        value = self.fields.get(name)
        return default if value is None else value

    def int(self, name: str) -> int | None:
        value = self.fields.get(name)
        return None if value is None else int(value)

    def count(self) -> tuple[float | None, bool]:
        """The quantity of a 'n units' expression and whether it is vague ('quelques')."""
        if self.fields.get("vague") is not None:
            return float(self.fields["vague"]), True
        for name in ("number", "n"):
            if self.fields.get(name) is not None:
                return float(str(self.fields[name]).replace(",", ".")), False
        if self.texts.get("half") or self.texts.get("half_"):
            return 0.5, False
        return None, False

    def direction(self) -> str:
        """strict_past, strict_future ('dernier', 'prochain'), past, future, present or unknown."""
        shift = self.fields.get("shift")
        if shift == -1:
            return "strict_past"
        if shift == 1:
            return "strict_future"
        return self.tense or "unknown"


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _year_of_short(yy: int, ref: dt.date | None) -> int:
    """'93' -> 1993, '12' -> 2012: the century that puts the year at most 10 years after the reference."""
    if ref is None:
        return (1900 if yy >= 50 else 2000) + yy
    year = ref.year // 100 * 100 + yy
    return year - 100 if year > ref.year + 10 else year


def _year_for(month: int, day: int | None, ref: dt.date, direction: str) -> int:
    """Year of a (month, day) given without one, anchored per the direction."""
    key, ref_key = (month, day or 0), (ref.month, ref.day if day else 0)
    y = ref.year
    if direction == "strict_past":
        return y if key < ref_key else y - 1
    if direction == "strict_future":
        return y if key > ref_key else y + 1
    if direction == "future":
        return y if key >= ref_key else y + 1
    if direction in ("present", "unknown"):  # the nearest; ties go to the past
        def dist(year: int) -> tuple[int, int]:
            gap = (year * 372 + month * 31 + (day or 15)) - (ref.year * 372 + ref.month * 31 + ref.day)
            return abs(gap), gap > 0
        return min((y - 1, y, y + 1), key=dist)
    return y if key <= ref_key else y - 1


def _explicit_year(c: Context) -> int | None:
    if c.fields.get("year") is not None:
        return int(c.fields["year"])
    if c.fields.get("yy") is not None:
        return _year_of_short(int(c.fields["yy"]), c.ref)
    return None


def _day_value(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def calendar(c: Context) -> Resolved | None:
    month, day = c.int("month"), c.int("day")
    year = _explicit_year(c)
    if month is None:  # "jeudi 16": the month of the reference date, anchored by tense
        if c.ref is None or day is None:
            return None
        return Resolved("DATE", _weekday_day(c, day), "day")
    if year is None and c.ref is not None:
        year = _year_for(month, day, c.ref, c.direction())
        wd = c.int("weekday")
        if day is not None and wd is not None:  # 'dimanche 29 août': the year where the weekday fits
            fits = [y for y in (year, year - 1, year + 1) if _day_value(y, month, day) and
                    dt.date(y, month, day).isoweekday() == wd]
            year = fits[0] if fits else year
        if day is not None and _day_value(year, month, day) is None:
            return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    if day is None:
        return Resolved("DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}", "month")
    return Resolved("DATE", _day_value(year, month, day), "day")


def _weekday_day(c: Context, day: int) -> str | None:
    ref = c.ref
    assert ref is not None
    month_start = ref.replace(day=1)
    candidates = [month_start, (month_start - dt.timedelta(days=1)).replace(day=1),
                  (month_start + dt.timedelta(days=32)).replace(day=1)]
    dates = []
    for start in candidates:
        try:
            dates.append(start.replace(day=day))
        except ValueError:
            continue
    wd = c.int("weekday")
    matching = [d for d in dates if wd is None or d.isoweekday() == wd] or dates
    if not matching:
        return None
    return min(matching, key=lambda d: abs((d - ref).days)).isoformat()


def _weekday_date(wd: int, ref: dt.date, direction: str) -> dt.date:
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    if direction == "strict_past":
        return ref - dt.timedelta(days=back or 7)
    if direction in ("future", "strict_future"):
        return ref + dt.timedelta(days=fwd or 7)
    if direction == "present":
        return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back)


def weekday(c: Context) -> Resolved:
    wd = c.int("weekday")
    part = c.get("part")
    if c.ref is None:
        return Resolved("DATE", f"XXXX-WXX-{wd}", "day")
    day = _weekday_date(wd, c.ref, c.direction()).isoformat()
    if part:
        return Resolved("TIME", f"{day}T{part}", "time")
    return Resolved("DATE", day, "day")


def _range(c: Context, night: bool) -> Resolved:
    wd1, wd2 = c.int("wd1"), c.int("wd2")
    if c.ref is None:
        return Resolved("TIME" if night else "DATE", f"XXXX-WXX-{wd1}", "day")
    span = (wd2 - wd1) % 7
    if c.tense in ("future", "strict_future"):
        first = _weekday_date(wd1, c.ref, c.tense)
        last = first + dt.timedelta(days=span)
    else:
        last = _weekday_date(wd2, c.ref, c.tense)
        first = last - dt.timedelta(days=span)
    if night:
        return Resolved("TIME", f"{first.isoformat()}TNI", "time", value_end=last.isoformat())
    return Resolved("DATE", first.isoformat(), "day", value_end=last.isoformat())


def weekday_range(c: Context) -> Resolved:
    return _range(c, night=False)


def night_range(c: Context) -> Resolved:
    return _range(c, night=True)


def day_range(c: Context) -> Resolved | None:
    month, d1, d2 = c.int("month"), c.int("day1"), c.int("day2")
    year = _explicit_year(c)
    if year is None and c.ref is not None:
        year = _year_for(month, d1, c.ref, c.direction())
    return Resolved("DATE", _day_value(year, month, d1), "day", value_end=_day_value(year, month, d2))


def month_part(c: Context) -> Resolved:
    res = calendar(c)
    assert res is not None
    return Resolved("DATE", res.value, "approximate", approximate=True, mod=c.get("mod"))


def season(c: Context) -> Resolved:
    code = c.get("season")
    year = _explicit_year(c)
    if year is None and c.ref is not None:
        year = _year_for(SEASON_MONTH[code], None, c.ref, c.direction())
    return Resolved("DATE", f"{year:04d}-{code}" if year else f"XXXX-{code}", "approximate", approximate=True)


def year_part(c: Context) -> Resolved | None:
    year = _explicit_year(c)
    if year is None:
        if c.ref is None:
            return None
        year = c.ref.year + int(c.get("shift", 0))
    return Resolved("DATE", f"{year:04d}", "approximate", approximate=True, mod=c.get("mod"))


def decade(c: Context) -> Resolved:
    if c.fields.get("year") is not None:
        return Resolved("DATE", str(c.fields["year"])[:3], "decade")
    return Resolved("DATE", "19" + str(c.fields["yy"])[0], "decade")


def year(c: Context) -> Resolved:
    return Resolved("DATE", f"{int(c.fields['year']):04d}", "year")


def day_word(c: Context) -> Resolved | None:
    if c.ref is None:
        return Resolved("DATE", None, "day")
    day = (c.ref + dt.timedelta(days=int(c.get("day_word")))).isoformat()
    if c.get("part"):
        return Resolved("TIME", f"{day}T{c.get('part')}", "time")
    return Resolved("DATE", day, "day")


def part_of_day(c: Context) -> Resolved:
    if c.ref is None:
        return Resolved("TIME", None, "time")
    part = c.get("part") or c.get("day_word_part")
    return Resolved("TIME", f"{c.ref.isoformat()}T{part}", "time")


def clock(c: Context) -> Resolved:
    if c.get("clock"):
        hhmm = c.get("clock")
    else:
        hour = c.int("hour")
        if c.get("ampm") == "pm" and hour < 12:
            hour += 12
        elif c.get("ampm") == "am" and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{c.int('minute') or 0:02d}"
    if c.ref is None:
        return Resolved("TIME", f"XXXX-XX-XXT{hhmm}", "time")
    day = c.ref + dt.timedelta(days=int(c.get("day_word", 0)))
    return Resolved("TIME", f"{day.isoformat()}T{hhmm}", "time")


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def _shifted(ref: dt.date, unit: str, n: float, sign: int) -> tuple[str, str]:
    """Value and precision of ref + sign * n units."""
    k = sign * n
    if unit in ("D", "H", "MIN", "S"):
        days = k if unit == "D" else 0
        return (ref + dt.timedelta(days=round(days))).isoformat(), "day"
    if unit in ("W", "WE"):
        y, w, _ = (ref + dt.timedelta(weeks=round(k))).isocalendar()
        return f"{y:04d}-W{w:02d}", "week"
    if unit in ("M", "Q"):
        y, m = _add_months(ref, round(k * (3 if unit == "Q" else 1)))
        return f"{y:04d}-{m:02d}", "month"
    if unit == "Y":
        return f"{ref.year + round(k):04d}", "year"
    if unit == "DE":
        return str(ref.year + round(k) * 10)[:3], "decade"
    return str(ref.year + round(k) * 100)[:2], "century"


def _relative(c: Context, sign: int) -> Resolved | None:
    n, vague = c.count()
    unit = c.get("unit")
    if n is None or c.ref is None:
        return Resolved("DATE", None, "approximate" if vague else UNIT_PRECISION.get(unit, "day"), vague)
    value, precision = _shifted(c.ref, unit, n, sign)
    if vague:
        return Resolved("DATE", value, "approximate", approximate=True)
    return Resolved("DATE", value, precision)


def ago(c: Context) -> Resolved | None:
    return _relative(c, -1)


def later(c: Context) -> Resolved | None:
    return _relative(c, +1)


def duration(c: Context) -> Resolved | None:
    n, vague = c.count()
    unit = c.get("unit")
    if unit is None:
        return None
    if unit == "Q" and n is not None and not vague:
        unit, n = "M", n * 3
    qty = "X" if vague or n is None else _fmt_num(n)
    code = {"MIN": "M", "Q": "M"}.get(unit, unit)
    value = f"PT{qty}{code}" if unit in ("H", "MIN", "S") else f"P{qty}{code}"
    if vague:
        return Resolved("DURATION", value, "approximate", approximate=True)
    return Resolved("DURATION", value, UNIT_PRECISION.get(unit, "day"))


def past_duration(c: Context) -> Resolved | None:
    """'the last n units' / 'these last units': a duration, vague when no number is given."""
    if c.get("number") is not None or c.get("n") is not None:
        return duration(c)
    return duration(Context({**c.fields, "vague": 0}, c.texts, c.ref, c.tense))


future_duration = past_duration


def relative_unit(c: Context) -> Resolved | None:
    unit = c.get("cal_unit")
    shift = int(c.get("shift", 0))
    if c.ref is None:
        return Resolved("DATE", None, UNIT_PRECISION.get(unit, "day"))
    if unit == "WE":
        base = c.ref + dt.timedelta(weeks=shift)
        y, w, _ = base.isocalendar()
        return Resolved("DATE", f"{y:04d}-W{w:02d}-WE", "week")
    if unit == "Q":
        y, m = _add_months(c.ref, 3 * shift)
        return Resolved("DATE", f"{y:04d}-Q{(m - 1) // 3 + 1}", "month")
    value, precision = _shifted(c.ref, unit, 1, shift)
    return Resolved("DATE", value, precision)


def set_(c: Context) -> Resolved | None:
    wd = c.get("weekday") or c.get("weekdays")
    if wd:
        return Resolved("SET", f"XXXX-WXX-{wd}", "day")
    value = c.get("set_unit") or c.get("set_adj")
    if value is None:
        return None
    return Resolved("SET", value, SET_PRECISION.get(value, "approximate"))


def ref_word(c: Context) -> Resolved:
    return Resolved("TIME", c.get("ref_word"), "approximate", approximate=True)


ACTION_FUNCS: Mapping[str, Callable[[Context], Resolved | None]] = {
    "calendar": calendar, "month_part": month_part, "season": season, "year_part": year_part,
    "decade": decade, "year": year, "day_word": day_word, "part_of_day": part_of_day, "weekday": weekday,
    "clock": clock, "ago": ago, "later": later, "past_duration": past_duration,
    "future_duration": future_duration, "relative_unit": relative_unit, "set": set_, "duration": duration,
    "ref": ref_word, "day_range": day_range, "weekday_range": weekday_range, "night_range": night_range,
}
