"""Ways a resident can reach an office: phones, fax, email, postal box, suggestion box, an online
platform, a walk-in reception, a paper form. Tours and hotlines list them alike.

Hours are optional and **unknown when absent**: a notice that gives no hours says nothing about
them, so the site shows "接听时间未公布", never "全天" and never "open now". ``hours: 全天`` is
how staff say a line is answered round the clock.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, model_validator

from .fields import Email, Ids, Line, Model, Phone, Ref, Text, Url, _fail, phone_kind
from .schedule import Hours

#: What staff write in ``kind``; phones are told apart by their number (landline, mobile, short).
KINDS = ("电话", "传真", "邮箱", "信箱", "意见箱", "网上平台", "来访", "书面")
PHONE_LABELS = {"landline": "座机", "mobile": "手机", "short": "短号"}

#: Which field each kind needs, for the message when it is missing.
REQUIRED = {"电话": "number", "传真": "number", "邮箱": "email", "信箱": "box", "意见箱": "location",
            "网上平台": "url", "来访": "address", "书面": "note"}


def hours_or_always(value: Any) -> Any:
    """``全天`` / ``24小时`` is a line answered at all hours; anything else is read as Hours."""
    if isinstance(value, str) and value.strip() in ("全天", "24小时", "24 小时"):
        return {"always": "true"}
    return value


class Channel(Model):
    """一个反映问题的渠道。kind 决定要写哪些项：电话、传真写 number；邮箱写 email；信箱写 box 和
    postcode；意见箱写 location（或 places）；网上平台写 url；来访写 address；书面写 note。"""

    kind: Literal["电话", "传真", "邮箱", "信箱", "意见箱", "网上平台", "来访", "书面"]
    """渠道类别：电话、传真、邮箱、信箱、意见箱、网上平台、来访、书面。"""
    label: Line | None = None
    """渠道名称，如“值班电话”“码上巡察”“第一巡察组信箱”。"""
    number: Phone | None = None
    """电话或传真号码：座机带区号如 0577-88001234，手机 11 位，短号如 12345。"""
    email: Email | None = None
    """电子邮箱地址。"""
    box: Line | None = None
    """信箱，如“兰州市 A 区 001 号信箱”。"""
    postcode: Line | None = None
    """邮政编码，6 位数字。"""
    url: Url | None = None
    """网上平台的网址。"""
    location: Line | None = None
    """意见箱的位置，如“各被巡察村（社区）、学校醒目位置”。"""
    places: Annotated[Ids, Ref("place")] = []
    """设有意见箱或接待点的地方的编号。"""
    address: Line | None = None
    """来访接待的地址。"""
    hours: Annotated[Hours | None, BeforeValidator(hours_or_always)] = None
    """接听或受理时间；写“全天”表示 24 小时；公告没有写的就不写，网站显示“未公布”。"""
    note: Text | None = None
    """其他说明，如书面材料怎么递交。"""

    STUB: ClassVar[dict[str, str]] = {"number": "12345"}

    @model_validator(mode="after")
    def _needs(self) -> Channel:
        field = REQUIRED[self.kind]
        if field == "location" and (self.location or self.places):
            return self
        if getattr(self, field) in (None, ""):
            raise _fail("channel_field", f"{self.kind}渠道须写 {field} (a {self.kind} channel needs "
                        f"'{field}')")
        if self.postcode is not None and not (len(self.postcode) == 6 and self.postcode.isdigit()):
            raise _fail("postcode", "邮政编码应为 6 位数字 (postcode must be 6 digits), 实际是 '{value}'",
                        value=self.postcode)
        return self

    @property
    def dialable(self) -> bool:
        """A number one may tap to call: a phone, never a fax."""
        return self.kind == "电话" and self.number is not None

    def kind_label(self) -> str:
        if self.kind == "电话" and self.number:
            return PHONE_LABELS[phone_kind(self.number)]
        return self.kind

