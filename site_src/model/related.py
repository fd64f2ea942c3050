"""Related reports: a few that share a person or the province, closest in date first."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_src.model.people import Person
    from site_src.model.site import Entry

RELATED_COUNT = 4


def _day_number(entry: Entry) -> int:
    d = entry.article.date
    if d is None:
        return -(10**6)
    return d.year * 372 + ((d.month or 6) - 1) * 31 + (d.day or 15)


def related_entries(
    entries: tuple[Entry, ...], window: int = RELATED_COUNT
) -> tuple[tuple[int, ...], ...]:
    """A few reports sharing a person or the province, closest in date first.

    Candidates are the nearest `window` entries on each side in the same
    person's and the same province's chronological lists, so the cost stays
    linear in the archive size (a leader may chair hundreds of meetings).
    Ranking: 4 points per shared person, 2 for the province, 1 for the city;
    then the nearest date; then the URL. People and keys are numbered once so
    the ~130,000 comparisons at 10,000 reports compare small ints, not dataclasses.
    """
    key_ids: dict[object, int] = {}
    groups: list[list[int]] = []
    placed: list[list[tuple[int, int]]] = []  # per entry: (key id, position in its group)
    for i, e in enumerate(entries):
        mine = []
        for key in _related_keys(e):
            k = key_ids.setdefault(key, len(key_ids))
            if k == len(groups):
                groups.append([])
            mine.append((k, len(groups[k])))
            groups[k].append(i)
        placed.append(mine)
    person_ids: dict[Person, int] = {}
    people = [frozenset(person_ids.setdefault(p, len(person_ids))
                        for p in (*e.leaders, *e.speakers)) for e in entries]
    days = [_day_number(e) for e in entries]
    # A place compared by its listing's URL (one URL, one term): str equality, not
    # a dataclass __eq__ per comparison.
    provinces = [e.province.url if e.province is not None else None for e in entries]
    cities = [e.city.url if e.city is not None else None for e in entries]
    urls = [e.url for e in entries]
    related = []
    for i, mine in enumerate(placed):
        candidates: set[int] = set()
        for k, pos in mine:
            candidates.update(groups[k][max(0, pos - window) : pos + window + 1])
        candidates.discard(i)
        mine_people, day, province, city = people[i], days[i], provinces[i], cities[i]
        # (−points, distance in days, URL, index): URLs are unique, so the index never decides
        ranked = sorted([
            (-(4 * len(mine_people & people[j])
               + (2 if province is not None and provinces[j] == province else 0)
               + (1 if city is not None and cities[j] == city else 0)),
             abs(day - days[j]), urls[j], j)
            for j in candidates])
        related.append(tuple(r[3] for r in ranked[:RELATED_COUNT]))
    return tuple(related)


def _related_keys(entry: Entry) -> list[object]:
    keys: list[object] = list(dict.fromkeys((*entry.leaders, *entry.speakers)))
    if entry.province:
        keys.append(entry.province.label)
    return keys
