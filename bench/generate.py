"""Deterministic synthetic archives for the benchmark (ours vs Hugo, same corpus).

Real archives are too small to show how the build scales, so this makes N
reports from the seed bulletins' own sentences, with the shape of the real
thing: 34 provincial divisions and their cities, leaders who chair many
meetings (some sharing a name across provinces), dates at day/month/year
precision. The same reports are written twice — in our content format and as
a Hugo site with equivalent taxonomies and list pages — so the two generators
render comparable pages. It can also write ~1 MB of raw bulletin text (both
layouts the seeds use) for the import benchmark.

Run: `python -m bench.generate --n 1000 --out /tmp/corpus` (see bench/README.md).
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from site_src.model import gazetteer
from site_src.model.article import Article, PartialDate
from site_src.model.slugs import article_slug_base
from site_src.model.urls import article_path, content_relpath

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT / "raw"
# Hugo config and layouts equivalent to our templates (taxonomies, lists, related, feeds).
HUGO_TEMPLATE = Path(__file__).resolve().parent / "hugo_site"

# Characters that markdown-it would interpret, or that anonymised seeds use (`*`).
_MARKDOWN_SPECIAL = re.compile(r"[*_\\`\[\]<>#|~]")
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’）])|(?<=[。！？][”’）])")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文斌辉鹏宏波宁晓东海峰志红"
EVENTS = (
    "召开党组（扩大）会议",
    "召开党组理论学习中心组学习会",
    "召开全省民政工作会议",
    "召开养老服务工作推进会",
    "召开社会救助工作座谈会",
    "举行主题教育专题读书班",
    "召开儿童福利工作部署会",
    "召开区划地名工作会议",
    "召开干部大会",
    "召开安全生产工作会议",
)
PROVINCE_ROLES = ("厅党组书记、厅长", "厅长", "厅党组书记", "党组书记、局长")
CITY_ROLES = ("局党组书记、局长", "局长", "局党组书记")
SPEAKER_ROLES = ("副厅长", "厅长", "二级巡视员", "副局长")


@dataclass(frozen=True)
class Organisation:
    """A civil-affairs bureau: the unit that holds meetings and signs （据…）."""

    name: str
    province: str
    city: str | None


@dataclass(frozen=True)
class Report:
    """One synthetic report, independent of either generator's file format."""

    relpath: str  # content/-relative path in our format
    url_path: str  # our site-relative URL (site_src.model.urls.article_path); Hugo gets the same
    title: str
    date: PartialDate | None
    province: str
    city: str | None
    leaders: tuple[str, ...]
    speakers: tuple[str, ...]
    roles: dict[str, str]
    source: str
    body: str
    raw_file: str
    raw_line: int
    leader_org: str = field(default="")

    @property
    def slug(self) -> str:
        return Path(self.relpath).stem


def _normalise(text: str) -> str:
    """Remove the wraps and make ASCII punctuation full-width, as the importer does."""
    text = re.sub(r"\s+", "", text)
    return re.sub(r"(?<!\d)[,:;?!()]|[,:;?!()](?!\d)", lambda m: _ASCII_TO_FULL[m.group()], text)


def seed_material(seed_dir: Path = SEED_DIR) -> tuple[list[str], list[str]]:
    """Sentences and title tails (the part after the typeset gap) from the seed texts."""
    sentences: set[str] = set()
    tails: set[str] = set()
    for path in sorted(seed_dir.glob("*.txt")):
        prose: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                title = stripped.lstrip("#").strip()
                if " " in title:
                    tails.add(_normalise(title.split(" ", 1)[1]))
                continue
            if re.fullmatch(r"[A-Za-z]+", stripped):  # layout artefacts such as TOPIC
                continue
            prose.append(stripped)
        text = re.sub(r"[（(]据[^）)]*[）)]", "", _normalise("".join(prose)))
        for sentence in _SENTENCE_END.split(text):
            if 12 <= len(sentence) <= 160 and not _MARKDOWN_SPECIAL.search(sentence):
                sentences.add(sentence)
    return sorted(sentences), sorted(tails)


def organisations() -> list[Organisation]:
    """Every provincial bureau plus every prefecture-level city bureau in the gazetteer."""
    orgs: list[Organisation] = []
    for province in gazetteer.PROVINCES:
        suffix = "民政局" if province.endswith("市") else "民政厅"  # 直辖市 have a 局
        orgs.append(Organisation(province + suffix, province, None))
        for city in gazetteer.cities_of(province):
            orgs.append(Organisation(city + "民政局", province, city))
    return orgs


def _leader_pool(rng: random.Random, orgs: list[Organisation]) -> dict[str, list[str]]:
    """Two to four leaders per bureau; about one name in eight recurs in another province."""
    pool: dict[str, list[str]] = {}
    used: list[str] = []
    for org in orgs:
        names: list[str] = []
        for _ in range(rng.randint(2, 4)):
            if used and rng.random() < 0.125:
                name = rng.choice(used)  # a homonym: same name, different bureau
            else:
                name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
                used.append(name)
            if name not in names:
                names.append(name)
        pool[org.name] = names
    return pool


def _random_date(rng: random.Random) -> PartialDate | None:
    roll = rng.random()
    if roll < 0.01:
        return None
    day = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(20 * 365))
    if roll < 0.05:
        return PartialDate(day.year)
    if roll < 0.15:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _date_phrase(date: PartialDate | None, rng: random.Random) -> str:
    if date is not None and date.day is not None:
        return f"{date.month}月{date.day}日"
    return rng.choice(("近日", "日前"))


def make_reports(n: int, seed: int = 1) -> list[Report]:
    """N reports; the same (n, seed) always gives the same reports in the same order."""
    rng = random.Random(seed)
    sentences, tails = seed_material()
    orgs = organisations()
    province_orgs = [o for o in orgs if o.city is None]
    city_orgs = [o for o in orgs if o.city is not None]
    leaders = _leader_pool(rng, orgs)
    taken: set[str] = set()
    reports: list[Report] = []
    for index in range(n):
        # Provincial bureaus publish most; city bureaus make the long tail of city pages.
        org = rng.choice(province_orgs) if rng.random() < 0.7 else rng.choice(city_orgs)
        date = _random_date(rng)
        leader = rng.choice(leaders[org.name]) if rng.random() < 0.9 else None
        event = rng.choice(EVENTS)
        title = org.name + event
        if rng.random() < 0.6:
            title += " " + rng.choice(tails)
        roles: dict[str, str] = {}
        opening = f"{_date_phrase(date, rng)}，{org.name}{event}。"
        if leader:
            roles[leader] = rng.choice(CITY_ROLES if org.city else PROVINCE_ROLES)
            opening += f"{roles[leader]}{leader}主持会议并讲话。"
        speakers: tuple[str, ...] = ()
        if rng.random() < 0.25:
            speaker = rng.choice(leaders[org.name])
            if speaker != leader:
                roles[speaker] = rng.choice(SPEAKER_ROLES)
                opening += f"{roles[speaker]}{speaker}作工作报告。"
                speakers = (speaker,)
        paragraphs = [opening]
        for _ in range(rng.randint(3, 8)):
            paragraphs.append("".join(rng.sample(sentences, rng.randint(1, 4))))
        paragraphs.append(f"（据{org.name}）")

        base = article_slug_base(
            org.province, org.city, date.month if date else None, date.day if date else None
        )
        relpath, url_path = _free_paths(base, date, taken)
        reports.append(
            Report(
                relpath=relpath,
                url_path=url_path,
                title=title,
                date=date,
                province=org.province,
                city=org.city,
                leaders=(leader,) if leader else (),
                speakers=speakers,
                roles=roles,
                source=org.name,
                body="\n\n".join(paragraphs) + "\n",
                raw_file=f"bench_{index // 8:05d}.txt",
                raw_line=1 + (index % 8) * 20,
                leader_org=org.name,
            )
        )
    return reports


def _free_paths(base: str, date: PartialDate | None, taken: set[str]) -> tuple[str, str]:
    """content/ path and URL for slug `base`, `base-2`, … — the importer's collision rule."""
    suffix = 1
    while True:
        slug = base if suffix == 1 else f"{base}-{suffix}"
        article = Article(title="x", body="", date=date, slug=slug)
        relpath = content_relpath(article)
        if relpath not in taken:
            taken.add(relpath)
            return relpath, article_path(article)
        suffix += 1


def _date_value(date: PartialDate | None) -> datetime.date | str | int | None:
    """The YAML value the importer writes: a date, a `YYYY-MM` string or a year int."""
    if date is None:
        return None
    if date.day is not None:
        return datetime.date(date.year, date.month, date.day)
    if date.month is not None:
        return date.iso()
    return date.year


def our_markdown(report: Report) -> str:
    """The report in our content format (front matter keys in the importer's order)."""
    meta: dict[str, object] = {"title": report.title, "title_origin": "heading"}
    if report.date is not None:
        meta["date"] = _date_value(report.date)
    meta["province"] = report.province
    if report.city:
        meta["city"] = report.city
    meta["leaders"] = list(report.leaders)
    meta["speakers"] = list(report.speakers)
    meta["roles"] = dict(report.roles)
    meta["source"] = report.source
    meta["provenance"] = {"file": report.raw_file, "line": report.raw_line}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{report.body}"


def leader_term(name: str, org: str) -> str:
    """Hugo term for a leader: name plus bureau, so homonyms get separate pages as ours do."""
    return f"{name}（{org}）"


def hugo_markdown(report: Report) -> str:
    """The same report as a Hugo page: taxonomies for province, city, leader and year."""
    meta: dict[str, object] = {"title": report.title, "url": "/" + report.url_path}
    if report.date is not None:
        meta["date"] = datetime.date(
            report.date.year, report.date.month or 1, report.date.day or 1
        ).isoformat()
        meta["datelabel"] = report.date.chinese()
        meta["years"] = [str(report.date.year)]
    meta["provinces"] = [report.province]
    if report.city:
        meta["cities"] = [report.city]
    meta["leaders"] = [leader_term(name, report.leader_org) for name in report.leaders]
    meta["speakers"] = list(report.speakers)
    meta["source"] = report.source
    meta["provenance"] = {"file": report.raw_file, "line": report.raw_line}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{report.body}"


def write_ours(reports: list[Report], content_dir: Path) -> None:
    for report in reports:
        target = content_dir / report.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(our_markdown(report), encoding="utf-8")


def write_hugo(reports: list[Report], site_dir: Path, *, page_size: int) -> None:
    """A complete Hugo site: bench/hugo_site (config, layouts) plus the reports."""
    shutil.copytree(HUGO_TEMPLATE, site_dir, dirs_exist_ok=True)
    config = site_dir / "hugo.toml"
    config.write_text(
        re.sub(r"(?m)^paginate = \d+$", f"paginate = {page_size}", config.read_text("utf-8")),
        encoding="utf-8",
    )
    (site_dir / "content" / "reports").mkdir(parents=True, exist_ok=True)
    (site_dir / "content" / "reports" / "_index.md").write_text(
        "---\ntitle: 全部简报\n---\n", encoding="utf-8"
    )
    for report in reports:
        target = site_dir / "content" / "reports" / report.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(hugo_markdown(report), encoding="utf-8")


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def raw_bulletins(target_bytes: int, seed: int = 1) -> list[tuple[str, str]]:
    """(file name, text) pairs totalling about target_bytes of raw bulletin text.

    Alternates the two layouts the seeds show: one long line per paragraph with
    `##` headings, and hard-wrapped lines (~20 characters, a blank line after
    each) with the title as a plain line after the previous attribution.
    """
    reports = make_reports(max(8, target_bytes // 2500), seed=seed + 1)
    files: list[tuple[str, str]] = []
    total = 0
    for number, start in enumerate(range(0, len(reports), 8)):
        chunk = reports[start : start + 8]
        lines: list[str] = []
        hard_wrapped = number % 2 == 1
        for report in chunk:
            paragraphs = report.body.strip().split("\n\n")
            if hard_wrapped:
                lines += [report.title, ""]
                for paragraph in paragraphs:
                    for piece in _wrap(paragraph, 20):
                        lines += [piece, ""]
            else:
                lines += [f"## {report.title}", ""]
                for paragraph in paragraphs:
                    lines += [paragraph, ""]
        text = "\n".join(lines)
        files.append((f"bench_{number:05d}.txt", text))
        total += len(text.encode("utf-8"))
        if total >= target_bytes:
            break
    return files


def write_raw(target_bytes: int, raw_dir: Path, seed: int = 1) -> int:
    """Write the raw bulletins; returns the number of bytes written."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, text in raw_bulletins(target_bytes, seed):
        data = text.encode("utf-8")
        (raw_dir / name).write_bytes(data)
        written += len(data)
    return written


@click.command()
@click.option("--n", "count", default=1000, show_default=True, help="Number of reports.")
@click.option("--seed", default=1, show_default=True, help="Random seed (same seed → same bytes).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Writes OUT/content (ours), OUT/hugo (Hugo) and, with --raw-bytes, OUT/raw.")
@click.option("--page-size", default=20, show_default=True, help="Hugo paginate (match ours).")
@click.option("--raw-bytes", default=0, show_default=True,
              help="Also write about this many bytes of raw bulletin text (import benchmark).")
def main(count: int, seed: int, out_dir: Path, page_size: int, raw_bytes: int) -> None:
    """Write a synthetic archive of COUNT reports in our format and as a Hugo site."""
    reports = make_reports(count, seed)
    write_ours(reports, out_dir / "content")
    write_hugo(reports, out_dir / "hugo", page_size=page_size)
    click.echo(f"{len(reports)} reports → {out_dir}/content and {out_dir}/hugo")
    if raw_bytes:
        written = write_raw(raw_bytes, out_dir / "raw", seed)
        click.echo(f"{written} bytes of raw bulletins → {out_dir}/raw")


if __name__ == "__main__":
    main()
