#!/usr/bin/env python3
"""Rewrites the property table of docs/spring-boot.md from the starter's generated configuration metadata.

    ./mvnw -q -pl coordination-autoconfigure -am compile && python3 docs/regenerate-property-reference.py
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
metadata = json.loads((root / "coordination-autoconfigure/target/classes/META-INF/spring-configuration-metadata.json")
                      .read_text())
rows = []
for p in sorted(metadata["properties"], key=lambda p: p["name"]):
    if p["name"].startswith("management.endpoint.coordination"):
        continue
    d = p.get("defaultValue")
    if isinstance(d, bool):
        d = str(d).lower()
    if isinstance(d, list):
        d = ",".join(d)
    default = "" if d is None else "`%s`" % d
    rows.append("| `%s` | %s | %s |" % (p["name"], default, p.get("description", "").replace("\n", " ")))
doc = root / "docs/spring-boot.md"
text = doc.read_text()
header = "| property | default | meaning |\n|---|---|---|\n"
start = text.index(header) + len(header)
end = text.index("\n\n", start)
doc.write_text(text[:start] + "\n".join(rows) + text[end:])
