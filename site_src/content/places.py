"""Province and city: official names from the gazetteer, and a city inside its province.

Listings group reports by these names, so `浙江` and `浙江省` would split one
province into two pages; the hint names the official form.
"""

from __future__ import annotations

import yaml

from site_src.content.nodes import Reporter
from site_src.model import gazetteer


def check_province(report: Reporter, node: yaml.Node, name: str) -> bool:
    if gazetteer.canonical_province(name) == name:
        return True
    suggestion = gazetteer.suggest_province(name)
    if suggestion:
        report.error(node, f"province '{name}' is not the full official name of a "
                     "provincial-level division", f"did you mean '{suggestion}'?")
    else:
        report.error(node, f"province '{name}' is not a provincial-level division of China",
                     "use the full official name, e.g. 浙江省, 北京市, 广西壮族自治区")
    return False


def check_city(report: Reporter, node: yaml.Node, name: str, province: str | None) -> bool:
    if not gazetteer.is_city(name):
        suggestion = gazetteer.canonical_city(name)
        hint = (f"did you mean '{suggestion}'?" if suggestion and suggestion != name
                else "use the full official name of a prefecture-level city, e.g. 扬州市")
        report.error(node, f"city '{name}' is not a prefecture-level city", hint)
        return False
    city_province = gazetteer.province_of_city(name)
    if province and city_province and city_province != province:
        report.error(node, f"city '{name}' is in {city_province}, not in {province}",
                     f"correct the city, or set `province: {city_province}`")
        return False
    return True
