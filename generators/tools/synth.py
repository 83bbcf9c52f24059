"""Write a synthetic dataset: ``python -m generators synth --records N --seed S --out DIR``.

For benchmarks and scale tests, in the record shape real bulletins need (issue 14). About 23 镇街
and 900 村社 per 10,000 commitments (places scale with N); four lists a year (民生实事 with its own
status words, 幸福要事, 公开承诺, 老旧小区改造) for ten years, each a programme with its year; the
items spread over them, numbered, with an indicator and cumulative actuals by period (some by
town, some late with a reason), policies in percent, recurring items, parent/child trees; four
quarterly reports per list stating counts computed from the items, the year's last with an
objection period; tours with groups and target places; hotlines. The same seed writes the same
bytes; the output passes ``check``.
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
    _commitments(out, rng, towns, records)
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


#: The lists a city keeps year after year: (id prefix, name). Each year's list is a programme, as
#: bulletins publish them ("2025年民生实事"), with the status words of the monthly reports.
LISTS = (("minsheng", "民生实事"), ("xingfu", "幸福要事"), ("chengnuo", "公开承诺"),
         ("laojiu", "老旧小区改造"))
YEARS = tuple(range(START.year, START.year + 10))
PROGRAMME_STATUSES = ("    - label: 正常推进\n      tone: active\n    - label: 推进缓慢\n      tone: late\n"
                      "    - label: 提前完成\n      tone: ahead\n    - label: 超额完成\n      tone: done\n"
                      "      progress: 100\n    - label: 常态化推进\n      tone: active\n")


def _units_and_programmes(out: Path, towns: list) -> list[str]:
    units = ["- id: city-gov\n  name: 合成市人民政府\n  place: city\n", "- id: xuncha\n  name: 市委巡察办\n"]
    units += [f"- id: {tid}-gov\n  name: {tname}人民政府\n  place: {tid}\n" for tname, tid, _ in towns]
    units += [f"- id: group-{g}\n  name: 市委第{g}巡察组\n" for g in range(1, 6)]
    (out / "units" / "units.yaml").write_text("".join(units), encoding="utf-8")
    text = ["- id: xuncha\n  name: 村社巡察\n  unit: xuncha\n  summary: 合成数据：村社巡察。\n"]
    programmes = []
    for year in YEARS:
        for key, name in LISTS:
            programmes.append(f"{key}-{year}")
            own = "  statuses:\n" + PROGRAMME_STATUSES if key == "minsheng" else ""
            text.append(f"- id: {key}-{year}\n  name: 合成市{year}年{name}\n  level: 市\n  year: {year}\n"
                        f"  list_name: {name}\n  unit: city-gov\n  started: {year}-01-01\n{own}"
                        f"  summary: 合成数据：{year}年{name}。\n")
    (out / "programmes" / "programmes.yaml").write_text("".join(text), encoding="utf-8")
    return programmes


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


UNITS = ("个", "处", "公里", "户", "名", "场")


def _commitments(out: Path, rng: random.Random, towns: list, records: int) -> None:
    """Items spread evenly over the years' lists and numbered as published. Every 25th starts a
    small tree (parts numbered 5-1, 5-2 …, rolled up by weight); every 30th item of a list is 常态化,
    every 11th a policy reported in percent; the others have an indicator and report cumulative
    actuals every other month, every 30th by town too; a late one says why and by when."""
    per_file: dict[str, list[str]] = {}
    numbers: dict[str, int] = {}
    per_year = max(1, records // len(YEARS))
    tree: tuple[str, str, str] | None = None  # the current parent: id, programme, number
    parts = 0
    for n in range(records):
        tname, tid, villages = towns[n % len(towns)]
        vname, vid = villages[rng.randrange(len(villages))]
        if tree is not None and 0 < n % 25 < 6:
            parts += 1
            cid, programme, number = f"c{n:06d}", tree[1], f"{tree[2]}-{parts}"
            parent_lines = f"  parent: {tree[0]}\n  weight: {rng.randint(1, 4)}\n"
        else:
            year = YEARS[min(n // per_year, len(YEARS) - 1)]
            programme = f"{LISTS[n % len(LISTS)][0]}-{year}"
            numbers[programme] = numbers.get(programme, 0) + 1
            cid, number, parent_lines = f"c{n:06d}", str(numbers[programme]), ""
            if n % 25 == 0:
                tree, parts = (cid, programme, number), 0
        year, own_words = int(programme[-4:]), programme.startswith("minsheng")
        recurring = not parent_lines and n % 25 != 0 and int(number) % 30 == 0
        policy = not recurring and n % 11 == 0
        thing = rng.choice(THINGS)
        start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(90))
        due = f"{year}-{rng.randint(6, 12):02d}底前" if n % 3 else f"{year}-12-31"
        text = (f"- id: {cid}\n  title: {vname}{thing}（第{n}号）\n  number: \"{number}\"\n"
                + ("  kind: 常态化\n" if recurring else "  kind: 政策\n" if policy else "")
                + f"  programme: {programme}\n  unit: {tid}-gov\n  places: [{vid}]\n"
                f"  category: {rng.choice(CATEGORIES)}\n{parent_lines}")
        target = rng.randint(5, 200)
        if not (recurring or policy):
            text += f"  indicator:\n    name: {thing}\n    unit: {rng.choice(UNITS)}\n    target: {target}\n"
        text += f"  start: {start}\n  due: {due}\n  history:\n"
        by_town = not (recurring or policy or parent_lines) and n % 30 == 0
        actual, steps = 0, rng.randint(2, 5)
        for step in range(steps):
            day = _month_end(year, min(12, start.month + 2 * step + 1))
            last = step == steps - 1 and rng.random() < 0.6
            late = not last and rng.random() < 0.2
            text += f"    - date: {day}\n      period: {day:%Y-%m}\n"
            if recurring:
                text += f"      status: {'常态化推进' if own_words else '推进中'}\n"
            elif policy:
                text += f"      status: {'已完成' if last else '推进中'}\n      progress: "
                text += f"{100 if last else rng.randint(5, 95)}\n"
            else:
                actual = target if last else min(target - 1, actual + rng.randint(0, target // steps + 1))
                word = ("已完成" if last else ("推进缓慢" if own_words else "延期") if late
                        else "正常推进" if own_words else "推进中")
                text += f"      status: {word}\n      actual: {actual}\n"
                if late:
                    text += f"      expected: {year}-12底前\n      reason: 施工条件受限，进度慢于计划。\n"
                if by_town:
                    text += "      breakdown:\n" + _breakdown(towns, n, target, actual)
            if day.month == 12:
                break
        per_file.setdefault(tid, []).append(text)
    for tid, items in per_file.items():
        (out / "commitments" / f"{tid}.yaml").write_text("".join(items), encoding="utf-8")


def _breakdown(towns: list, n: int, target: int, actual: int) -> str:
    """Three towns' shares of an item's target and actual, as a bulletin's table gives them."""
    chosen = [towns[(n + k) % len(towns)][1] for k in range(3)]
    targets = [target // 3, target // 3, target - 2 * (target // 3)]
    actuals = [min(t, actual * t // max(target, 1)) for t in targets]
    return "".join(f"        - place: {tid}\n          target: {t}\n          actual: {a}\n"
                   for tid, t, a in zip(dict.fromkeys(chosen), targets, actuals, strict=False))


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _results(out: Path, rng: random.Random, programmes: list[str]) -> None:
    """Each list's quarterly bulletins: two figures, the counts they state (computed from the items,
    as the bulletin's authors would count them), and an objection period on the year's last."""
    lines = []
    for programme in programmes:
        year = int(programme[-4:])
        for quarter in range(1, 5):
            lines.append(f"- id: {programme}-q{quarter}\n  programme: {programme}\n"
                         f"  period: {year}-Q{quarter}\n  indicators:\n"
                         f"    - name: 完成项目\n      value: {rng.randint(10, 400)}\n      unit: 个\n"
                         f"    - name: 投入资金\n      value: {rng.randint(100, 9000)}\n      unit: 万元\n"
                         "  stated: {stated}\n"
                         + (f"  objection:\n    start: {year + 1}-01-10\n    end: {year + 1}-01-16\n"
                            "    how: 对本期通报有异议的，可在公示期内来电或来信反映。\n"
                            f"    office: 合成市民生实事办公室\n    phone: 0577-6510{quarter}{year % 10}00\n"
                            if quarter == 4 else "")
                         + f"  source:\n    title: 合成市{year}年第{quarter}季度通报\n"
                         f"    issuer: 合成市民生实事办公室\n    kind: 通报\n")
    (out / "results" / "results.yaml").write_text("".join(lines).replace("  stated: {stated}\n", ""),
                                                  encoding="utf-8")
    _state_counts(out, lines)


def _state_counts(out: Path, lines: list[str]) -> None:
    """Fill in the counts each bulletin states, from the records as check computes them."""
    from ..load.errors import ErrorReport
    from ..model.validate import load_dataset
    from ..views.reports import Report
    from ..views.views import Views

    report = ErrorReport()
    dataset = load_dataset(out, dt.date(YEARS[-1] + 1, 12, 31), report)
    assert dataset is not None and not report, [str(p) for p in report.errors[:5]]
    views = Views(dataset)
    filled = []
    for text, result in zip(lines, dataset.all("result"), strict=True):
        figures = Report(views, result)
        counts = {"total": len(figures.rows), "done": len(figures.done), "recurring": len(figures.recurring)}
        stated = "".join(f"\n    {k}: {v}" for k, v in counts.items() if v)
        filled.append(text.replace("  stated: {stated}\n", f"  stated:{stated}\n" if stated else ""))
    (out / "results" / "results.yaml").write_text("".join(filled), encoding="utf-8")
