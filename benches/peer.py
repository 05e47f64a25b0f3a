"""The Python peer of the end-to-end benchmark: what a short script does with the same
collection. It reads each file, applies NFC (unicodedata), finds the number and the date
with two regexes, and writes one JSON line per file. Standard library only.

Usage: python3 benches/peer.py FOLDER OUTPUT.jsonl
"""

import json
import os
import re
import sys
import unicodedata

NUMBER = re.compile(r"Số\s*:?\s*([0-9][^\s]*)")
DATE = re.compile(r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")


def paths(root):
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            if name.endswith(".txt"):
                yield os.path.join(folder, name)


def main(root, output):
    with open(output, "w", encoding="utf-8") as out:
        for path in paths(root):
            with open(path, "rb") as f:
                data = f.read()
            text = unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))
            number = NUMBER.search(text)
            date = DATE.search(text)
            record = {
                "path": path,
                "bytes": len(data),
                "number": number.group(1) if number else None,
                "date": "%s-%02d-%02d" % (date.group(3), int(date.group(2)), int(date.group(1)))
                if date
                else None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
