"""The staff guide, published in the site: how to change the data, every field of every record
type (from the model docstrings, so it cannot drift), how to read an error, how publishing works,
and the contacts that need checking."""

from __future__ import annotations

from pydantic import BaseModel

from ..model.dataset import Dataset
from ..model.refs import model_fields
from ..model.site import Site
from ..model.stub import commented_yaml, describe
from ..model.types import TYPES
from ..model.types.hotlines import is_stale
from ..views.views import Views
from .markdown import escape

OWNED = ("guide",)

INTRO = """# 工作人员指南

本站的每一页都由 `data/` 文件夹里的数据文件生成。工作人员修改数据文件，经审核合并后，网站自动更新。
不需要会编程：只要按下面的格式填写，检查程序会指出每一处错误的文件、行和列。

## 修改数据的步骤

1. **找到文件。** 每类记录一个文件夹，如 `data/tours/`（巡察）、`data/commitments/`（承诺事项）。
   每个文件是一个记录列表，每条记录以 `- id:` 开头。各类记录的字段见下方链接。
2. **修改或新增。** 新增记录可以复制一条已有记录再改，也可以运行
   `python -m generators new 类型 编号`，它会写入一条带中文注释、已能通过检查的样板。
   承诺事项有新进展时，在 `history:` 末尾**新增**一条带日期的进展，不要改旧的。
3. **检查。** 运行 `make check`，或在拉取请求 (pull request) 页面查看自动检查结果。
4. **提交审核。** 在 GitHub 上新建拉取请求。自动检查会在改动的行上标出错误，并在摘要里用文字说明
   这次修改会让网站发生什么变化（新增、删除了哪些记录，哪些状态、进度、日期、电话有变化）。
   检查全部通过并经审核人同意后合并。
5. **发布。** 合并后网站自动构建并发布；每天凌晨也会按当天日期重新发布一次（巡察和热线的状态随日期变化）。
   任何一步失败，都不会发布，线上网站保持原样。

## 如何看懂错误信息

每个错误占一行：

```text
data/tours/2020.yaml:42:16: groups[1].hotline: 电话号码格式不正确 … 实际是 '0577'
```

依次是：文件、第几行、第几列、出错的字段（`groups[1]` 表示 groups 列表的第 1 项）、原因和你写的值。
按提示改好后再检查一次，直到显示“检查通过”。

## 填写规则

- 日期一律写成 `2024-03-05`；季度写成 `2024-Q1`。
- 电话写成 `0577-88001234`、`17857082965` 或 `12345`；手机号码只有登记在 `data/site.yaml` 的
  `official_numbers` 中的官方渠道才能公布，身份证号码一律不得出现。
- 链接只能以 `https://`、`http://`、`mailto:` 或 `tel:` 开头。
- 标题、名称只写一行；说明可以分段（空一行为新段落）。写什么就显示什么，不会被当作代码执行。

## 每月进展表格（Excel）

各责任单位每月报进展时，不必改数据文件，可以用表格：

1. **生成表格。** 运行 `python -m generators template 工作项目编号 --period 2025-09 -o 9月.xlsx`
   （可以写多个工作项目编号，每个一个工作表）。每个事项一行，列出序号、事项、牵头单位、指标、目标和
   上期报告的完成数、进度、状态；“填表说明”页说明怎么填。
2. **分发填写。** 各单位只填浅黄色的“本期填报”各列：完成数（如 `1170` 或 `1,170`）、进度（如 `93%`）、
   状态（下拉选择）、报告日期（本期内，不填取本期最后一天）、预计完成（如“10月底前”）、滞后原因和情况说明。
   没有新进展的事项整行留空。不要删除、复制或插入行，不要改隐藏的第一列；工作表可以改名，也可以另存为
   CSV（GBK 或 UTF-8 编码都可以）。公式只读取 Excel 保存时算好的结果，本程序不计算公式。
3. **导入。** 运行 `python -m generators import 9月.xlsx`（先加 `--dry-run` 只看不写）。每个有变化的事项
   在 `history:` 末尾新增一条带日期的进展，已有的内容、注释和顺序一字不改；程序用与 `make check`
   相同的检查核对导入后的数据，并用 `diff` 的格式列出这次导入带来的变化，可以直接贴进拉取请求。
   同一个文件导入两次，第二次不会再有变化。
4. **有错误时**，数据文件一个字也不改，所有错误一次列出，每个指向“文件!工作表!单元格”，例如：

   ```text
   9月.xlsx!进展!N12: 本期填报·状态: 未知状态 '进行中'，可选：未开始、推进中、已完成、延期、已取消
   ```

   常见错误：事项ID不认识、状态不在列表里、数字写成了文字（`约1000`）、进度超过 100%、报告日期不在本期、
   删除或复制了行。累计完成数比上期少时给出警告（不阻止导入），请核对。

## 各类记录的字段

"""


def produce(dataset: Dataset, views: Views) -> dict[str, str]:
    pages = {"guide/index.md": INTRO + "\n".join(
        f"- [{t.label}]({t.folder}.md)：`data/{t.folder}/`" for t in TYPES
    ) + "\n- [网站设置](site.md)：`data/site.yaml`\n- [需要核实的联系方式](stale.md)\n"}
    ids = {kind: sorted(records)[:1] for kind, records in dataset.records.items()}
    for record_type in TYPES:
        example = commented_yaml(record_type.model, "example-id", ids, dataset.as_of)
        pages[f"guide/{record_type.folder}.md"] = (
            f"# {record_type.label}\n\n文件位置：`data/{record_type.folder}/*.yaml`。"
            f"{escape(record_type.model.__doc__.strip())}\n\n"
            + _tables(record_type.model)
            + "## 样板\n\n运行 `python -m generators new " + record_type.name + " 编号` 会写入这样一条记录"
            "（必填字段已填上能通过检查的占位内容，可选字段以注释列出）：\n\n```yaml\n" + example + "```\n")
    pages["guide/site.md"] = "# 网站设置\n\n文件位置：`data/site.yaml`。\n\n" + _tables(Site)
    pages["guide/stale.md"] = _stale(dataset)
    return pages


def _tables(model: type[BaseModel]) -> str:
    """A table of the model's fields, then one for each nested model, each once. The nested
    tables' headings (###) sit under a "## 字段" heading: no level skipped (axe heading-order)."""
    out, todo, seen = ["## 字段\n"], [model], set()
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current is not model:
            out.append(f"### {escape(current.__doc__.strip())}\n")
        out.append("| 字段 | 必填 | 格式 | 说明 |\n| --- | --- | --- | --- |")
        for name, info in current.model_fields.items():
            required = "是" if info.is_required() else "否"
            out.append(f"| `{name}` | {required} | {escape(describe(current, name))} | "
                       f"{escape(info.description or '')} |")
        out.append("")
        todo.extend(m for m in model_fields(current).values() if m is not None)
    return "\n".join(out) + "\n"


def _stale(dataset: Dataset) -> str:
    days = dataset.site.stale_after_days
    rows = []
    for hotline in sorted(dataset.all("hotline"), key=lambda h: (h.verified, h.id)):
        if is_stale(hotline, dataset.as_of, days):
            line, _ = dataset.position(hotline, ("verified",))
            rows.append(f"| {escape(hotline.name)} | {hotline.verified.isoformat()} | "
                        f"{(dataset.as_of - hotline.verified).days} 天 | `{hotline._file}:{line}` |")
    head = (f"# 需要核实的联系方式\n\n状态截至 {dataset.as_of.isoformat()}。在用的热线超过 {days} 天"
            "（`data/site.yaml` 的 `stale_after_days`）未核实的列在这里，`make check` 也会给出警告。"
            "请打电话核实号码和接听时间，再把 `verified` 改成核实的日期。\n\n")
    if not rows:
        return head + "目前没有需要核实的联系方式。\n"
    return head + "| 热线 | 上次核实 | 已过 | 位置 |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"
