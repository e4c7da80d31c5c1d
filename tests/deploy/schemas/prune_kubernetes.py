"""Makes kubernetes-v1.34-strict.json from kubernetes-validate's schema folder: the four kinds
the example uses and only the definitions they reach (the whole set is 1.8 MB).

    python tests/deploy/schemas/prune_kubernetes.py .../kubernetes-json-schema/v1.34.0-local-strict
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KINDS = {
    "Deployment": "deployment-apps-v1.json",
    "Secret": "secret-v1.json",
    "PodDisruptionBudget": "poddisruptionbudget-policy-v1.json",
    "Service": "service-v1.json",
}
# The kinds refer to the definitions by this path; the definitions to each other by "#/$defs/".
PREFIXES = ("/api/_definitions.json#/$defs/", "#/$defs/")


def refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found |= {value[len(p) :] for p in PREFIXES if value.startswith(p)}
            else:
                found |= refs(value)
    elif isinstance(node, list):
        for item in node:
            found |= refs(item)
    return found


def main(folder: Path) -> None:
    definitions = json.loads((folder / "_definitions.json").read_text())
    everything = definitions["$defs"]
    kinds = {kind: json.loads((folder / name).read_text()) for kind, name in KINDS.items()}
    wanted: set[str] = set()
    todo = set().union(*(refs(schema) for schema in kinds.values()))
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo |= refs(everything[name]) - wanted
    definitions["$defs"] = {name: everything[name] for name in sorted(wanted)}
    out = {"kinds": kinds, "definitions": definitions}
    target = Path(__file__).with_name("kubernetes-v1.34-strict.json")
    target.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
