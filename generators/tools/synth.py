"""Write a synthetic dataset: ``python -m generators synth --records N --seed S --out DIR``.

For benchmarks and scale tests. About 23 镇街 and 900 村社 per 10,000 commitments (places scale
with N), commitments with several dated updates and some parent/child trees, tours with groups and
target places, hotlines, and 40 quarters of results. The same seed writes the same bytes; the
output passes ``check``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

# Two syllables make a place name; PINYIN[i] spells SYLLABLES[i] for the ids.
SYLLABLES = ("安宝北昌城大东丰凤福港高光海和河红湖华江金锦景岭龙马梅南平浦"
             "桥青清瑞山上石水塘桃陶天田文西溪仙湘新兴阳洋永玉园云长中竹")
PINYIN = (
    "an", "bao", "bei", "chang", "cheng", "da", "dong", "feng", "feng2", "fu", "gang", "gao", "guang",
    "hai", "he", "he2", "hong", "hu", "hua", "jiang", "jin", "jin2", "jing", "ling", "long", "ma",
    "mei", "nan", "ping", "pu", "qiao", "qing", "qing2", "rui", "shan", "shang", "shi", "shui", "tang",
    "tao", "tao2", "tian", "tian2", "wen", "xi", "xi2", "xian", "xiang", "xin", "xing", "yang", "yang2",
    "yong", "yu", "yuan", "yun", "chang2", "zhong", "zhu",
)
CATEGORIES = ("便民利民", "结对帮困", "交通出行", "基础设施", "群众活动", "公共服务", "环境改善")
THINGS = ("停车场", "道路改造", "路灯安装", "文化礼堂", "老年食堂", "儿童之家", "公厕改造", "垃圾分类站",
          "健身广场", "雨污分流", "河道整治", "便民服务点", "充电桩", "菜市场改造", "安全隐患整改")
START = dt.date(2016, 1, 1)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--records", type=int, required=True, help="承诺事项的数量")
    parser.add_argument("--seed", type=int, default=1, help="随机种子：相同种子得到相同文件")
    parser.add_argument("--out", type=Path, required=True, help="输出的数据文件夹")


def run(args: argparse.Namespace) -> int:
    write(args.out, args.records, args.seed, args.data / "site.yaml")
    print(f"写入 {args.records} 条承诺事项的合成数据到 {args.out} (synthetic data written)")
    return 0


def write(out: Path, records: int, seed: int, site_yaml: Path) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("places", "units", "programmes", "hotlines", "tours", "commitments", "results"):
        (out / folder).mkdir(parents=True)
    shutil.copyfile(site_yaml, out / "site.yaml")
    towns = _places(out, rng, records)
    programmes = _units_and_programmes(out, towns)
    _hotlines(out, rng, towns)
    _tours(out, rng, towns, max(1, records // 2000))
    _commitments(out, rng, towns, programmes, records)
    _results(out, rng, programmes)


def _name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        a, b = rng.randrange(len(SYLLABLES)), rng.randrange(len(SYLLABLES))
        slug = f"{PINYIN[a]}{PINYIN[b]}".replace("2", "")
        if slug not in used and a != b:
            used.add(slug)
            return SYLLABLES[a] + SYLLABLES[b], slug


def _places(out: Path, rng: random.Random, records: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
    n_towns = max(2, round(23 * min(1.0, records / 10_000) ** 0.5)) if records < 10_000 else 23
    n_villages = max(n_towns * 2, round(900 * records / 10_000))
    used: set[str] = set()
    towns = []
    for t in range(n_towns):
        name, slug = _name(rng, used)
        towns.append((f"{name}{'镇' if t % 3 else '街道'}", slug, []))
    for v in range(n_villages):
        town = towns[v % n_towns]
        name, slug = _name(rng, set())
        village_id = f"{town[1]}-{slug}-{v}"
        town[2].append((f"{name}{'社区' if v % 7 == 0 else '村'}", village_id))
    (out / "places" / "city.yaml").write_text("- id: city\n  name: 合成市\n  kind: 市\n", encoding="utf-8")
    for town_name, town_id, villages in towns:
        kind = "街道" if town_name.endswith("街道") else "镇"
        lines = [f"- id: {town_id}\n  name: {town_name}\n  kind: {kind}\n  parent: city\n"]
        lines += [f"- id: {vid}\n  name: {vname}\n  kind: {'社区' if vname.endswith('社区') else '村'}\n"
                  f"  parent: {town_id}\n" for vname, vid in villages]
        (out / "places" / f"{town_id}.yaml").write_text("".join(lines), encoding="utf-8")
    return towns


def _units_and_programmes(out: Path, towns: list) -> list[str]:
    units = ["- id: city-gov\n  name: 合成市人民政府\n", "- id: xuncha\n  name: 市委巡察办\n"]
    units += [f"- id: {tid}-gov\n  name: {tname}人民政府\n  place: {tid}\n" for tname, tid, _ in towns]
    units += [f"- id: group-{g}\n  name: 市委第{g}巡察组\n" for g in range(1, 6)]
    (out / "units" / "units.yaml").write_text("".join(units), encoding="utf-8")
    programmes = [("minsheng", "民生实事"), ("xingfu", "幸福要事"), ("chengnuo", "公开承诺"),
                  ("laojiu", "老旧小区改造"), ("xuncha", "村社巡察")]
    text = "".join(f"- id: {pid}\n  name: {name}\n  unit: city-gov\n  summary: 合成数据：{name}。\n"
                   for pid, name in programmes)
    (out / "programmes" / "programmes.yaml").write_text(text, encoding="utf-8")
    return [pid for pid, _ in programmes[:4]]


def _hotlines(out: Path, rng: random.Random, towns: list) -> None:
    lines = ['- id: service-12345\n  name: 12345 政务服务便民热线\n  type: 服务\n  channels:\n'
             '    - kind: 电话\n      number: "12345"\n  unit: city-gov\n  hours: 全天\n'
             '  verified: 2026-06-01\n']
    for index, (tname, tid, _) in enumerate(towns):
        lines.append(f"- id: {tid}-7171\n  name: {tname}党群服务热线\n  type: 服务\n  channels:\n"
                     f"    - kind: 电话\n      number: 0577-6{index:03d}7171\n  unit: {tid}-gov\n"
                     f"  places: [{tid}]\n"
                     "  hours:\n    slots:\n      - days: 工作日\n        time: 08:30-11:30\n"
                     "      - days: 工作日\n        time: 14:00-17:30\n"
                     f"  verified: 2026-{rng.randint(1, 9):02d}-01\n")
    (out / "hotlines" / "hotlines.yaml").write_text("".join(lines), encoding="utf-8")


def _tours(out: Path, rng: random.Random, towns: list, count: int) -> None:
    villages = [vid for _, _, vs in towns for _, vid in vs]
    lines = []
    for t in range(count):
        start = START + dt.timedelta(days=120 * t)
        end = start + dt.timedelta(days=55)
        lines.append(f"- id: tour-{t + 1}\n  title: 第{t + 1}轮村社巡察\n  programme: xuncha\n"
                     f"  round: 第{t + 1}轮\n  start: {start}\n  end: {end}\n  deadline: {end}\n"
                     "  scope: 受理反映被巡察村社领导班子及其成员问题的来信来电来访。\n"
                     "  hours:\n    slots:\n      - days: 工作日\n        time: 08:30-11:30\n"
                     "  channels:\n    - kind: 邮箱\n      email: xuncha@example.gov.cn\n  groups:\n")
        chosen = rng.sample(villages, min(len(villages), 50))
        size = max(1, len(chosen) // 5)
        for g in range(min(5, len(chosen))):
            places = ", ".join(chosen[g * size:(g + 1) * size])
            lines.append(f"    - name: 市委第{g + 1}巡察组\n      unit: group-{g + 1}\n"
                         f"      places: [{places}]\n      channels:\n        - kind: 电话\n"
                         f"          number: 0577-6500{g}00{t % 10}\n")
        lines.append(f"  source:\n    title: 合成公告第{t + 1}号\n    date: {start}\n")
    (out / "tours" / "tours.yaml").write_text("".join(lines), encoding="utf-8")


def _commitments(out: Path, rng: random.Random, towns: list, programmes: list[str], records: int) -> None:
    statuses = ["未开始", "推进中", "推进中", "已完成"]
    per_file: dict[str, list[str]] = {}
    parent_of = None
    for n in range(records):
        tname, tid, villages = towns[n % len(towns)]
        vname, vid = villages[rng.randrange(len(villages))]
        programme = programmes[n % len(programmes)]
        start = START + dt.timedelta(days=rng.randrange(3000))
        due = start + dt.timedelta(days=rng.randint(90, 720))
        cid = f"c{n:06d}"
        if n % 25 == 0:  # every 25th starts a small tree of up to 5 children
            parent_of = cid
            parent_line = ""
        else:
            parent_line = f"  parent: {parent_of}\n  weight: {rng.randint(1, 4)}\n" if n % 25 < 6 else ""
        text = (f"- id: {cid}\n  title: {vname}{rng.choice(THINGS)}（第{n}号）\n"
                f"  programme: {programme}\n  unit: {tid}-gov\n  places: [{vid}]\n"
                f"  category: {rng.choice(CATEGORIES)}\n  start: {start}\n  due: {due}\n{parent_line}"
                "  history:\n")
        date = start
        for step in range(rng.randint(2, 5)):
            date += dt.timedelta(days=rng.randint(20, 120))
            status = statuses[min(step, 3)]
            progress = {"未开始": 0, "已完成": 100}.get(status, rng.randint(5, 95))
            text += f"    - date: {date}\n      status: {status}\n      progress: {progress}\n"
        per_file.setdefault(tid, []).append(text)
    for tid, items in per_file.items():
        (out / "commitments" / f"{tid}.yaml").write_text("".join(items), encoding="utf-8")


def _results(out: Path, rng: random.Random, programmes: list[str]) -> None:
    lines = []
    for programme in programmes:
        for q in range(40):
            year, quarter = 2016 + q // 4, q % 4 + 1
            lines.append(f"- id: {programme}-{year}-q{quarter}\n  programme: {programme}\n"
                         f"  period: {year}-Q{quarter}\n  indicators:\n"
                         f"    - name: 完成项目\n      value: {rng.randint(10, 400)}\n      unit: 个\n"
                         f"    - name: 投入资金\n      value: {rng.randint(100, 9000)}\n      unit: 万元\n"
                         f"  source:\n    title: 合成季度报告 {year}-Q{quarter}\n")
    (out / "results" / "results.yaml").write_text("".join(lines), encoding="utf-8")
