"""Fields that changed shape, so that an old record gets an error naming the new field instead of
"unknown field". Keyed by (model class name, old field name)."""

from __future__ import annotations

MOVED: dict[tuple[str, str], str] = {
    ("Hotline", "numbers"): (
        "numbers 已改为 channels：每个号码写成一个渠道，如 `- kind: 电话` 加 `number: 12345`；传真写 "
        "`kind: 传真` (numbers is now channels)"),
    ("Group", "hotline"): (
        "hotline 已改为 channels：写成 `channels:` 下的 `- kind: 电话` 加 `number: …`，该组的信箱、"
        "邮箱也写在这里 (hotline is now channels)"),
    ("Tour", "channels"): (
        "channels 现在是渠道列表：邮箱写 `- kind: 邮箱` 加 `email: …`，意见箱写 `- kind: 意见箱` 加 "
        "`location: …`；受理时间写在巡察的 hours (channels is now a list of channels)"),
}
"""Old field → what to write instead."""

OLD_COMMITMENT_KINDS = ("公开承诺", "民生实事", "幸福要事")
"""Values of ``kind`` before it meant the item's nature: now the programme's ``list_name``."""


def moved(model_name: str, field: str) -> str | None:
    return MOVED.get((model_name, field))
