"""Words for the search index's Chinese segmenter (jieba), from the records.

jieba splits an unknown village name such as 大同村 into 大 + 同村, while a resident types 大同村
and the search box looks for words starting with it — so the name would not be found. Every
place name (with its aliases) and unit name is given to jieba as one word.
"""

from __future__ import annotations

from ..model.dataset import Dataset
from ..views.views import Views

PATH = "assets/search-words.txt"
OWNED = (PATH,)


def produce(dataset: Dataset, views: Views) -> dict[str, str]:
    words: set[str] = set()
    for place in dataset.all("place"):
        words.update([place.name, *place.aliases])
    words.update(unit.name for unit in dataset.all("unit"))
    # jieba's user dictionary: "word frequency", one per line; a high frequency keeps it whole.
    lines = [f"{word.replace(' ', '')} 100000" for word in sorted(words) if word.strip()]
    return {PATH: "\n".join(lines) + "\n"}
