"""deploy/compose.yaml and deploy/kubernetes/commplan.yaml: valid by their schemas (shipped in
tests/deploy/schemas, see NOTICE.md; no network, no container runtime), and saying what
docs/deploy.md says they do."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).with_name("schemas")
COMPOSE = REPO / "deploy" / "compose.yaml"
KUBERNETES = REPO / "deploy" / "kubernetes" / "commplan.yaml"


@cache
def compose_validator() -> Draft7Validator:
    return Draft7Validator(json.loads((SCHEMAS / "compose-spec.json").read_text()))


@cache
def kubernetes_schemas() -> tuple[dict[str, Any], Registry[Any]]:
    bundle = json.loads((SCHEMAS / "kubernetes-v1.34-strict.json").read_text())
    definitions = Resource.from_contents(bundle["definitions"])
    registry: Registry[Any] = Registry().with_resource(definitions.id() or "", definitions)
    return bundle["kinds"], registry


def kubernetes_errors(document: dict[str, Any]) -> list[str]:
    kinds, registry = kubernetes_schemas()
    validator = Draft202012Validator(kinds[document["kind"]], registry=registry)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def manifests() -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(KUBERNETES.read_text()) if doc}


def test_compose_file_is_valid_compose() -> None:
    errors = [e.message for e in compose_validator().iter_errors(compose())]
    assert errors == []


def test_compose_runs_two_replicas_behind_a_proxy_with_health_checks_and_secret_files() -> None:
    services = compose()["services"]
    app = services["commplan"]
    assert app["command"] == ["commplan", "serve"] and app["deploy"]["replicas"] == 2
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["commplan", "db", "upgrade"]
    assert all("healthcheck" in services[name] for name in ("db", "commplan", "proxy"))
    assert "db-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    declared = compose()["secrets"]
    for name in ("commplan", "migrate", "db"):
        environment = services[name]["environment"]
        files = {key: value for key, value in environment.items() if key.endswith("_FILE")}
        assert files, name
        for value in files.values():  # each *_FILE names a secret the service mounts
            secret = value.removeprefix("/run/secrets/")
            assert secret in services[name]["secrets"] and "file" in declared[secret]
        # No secret itself in the environment.
        assert not {"COMMPLAN_DATABASE_URL", "SLACK_BOT_TOKEN", "POSTGRES_PASSWORD"} & set(
            environment
        )
    assert "dynamic a" in compose()["configs"]["caddyfile"]["content"]


def test_a_broken_compose_file_is_caught() -> None:
    broken = copy.deepcopy(compose())
    broken["services"]["commplan"]["deploy"]["replicas"] = [2]  # strings pass: ${VAR}
    broken["services"]["commplan"]["healthcheck"]["intervall"] = "5s"
    assert len(list(compose_validator().iter_errors(broken))) >= 2


def test_kubernetes_example_is_valid_kubernetes() -> None:
    found = manifests()
    assert set(found) == {"Secret", "Deployment", "PodDisruptionBudget", "Service"}
    assert {kind: kubernetes_errors(doc) for kind, doc in found.items()} == {
        kind: [] for kind in found
    }


def test_kubernetes_example_is_ready_on_healthz_and_survives_a_drain() -> None:
    found = manifests()
    deployment = found["Deployment"]["spec"]
    pod = deployment["template"]["spec"]
    [container] = pod["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    assert deployment["replicas"] >= 2
    assert deployment["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert pod["initContainers"][0]["command"] == ["commplan", "db", "upgrade"]
    labels = deployment["template"]["metadata"]["labels"]
    budget = found["PodDisruptionBudget"]["spec"]
    assert budget["selector"]["matchLabels"].items() <= labels.items()
    assert budget["minAvailable"] < deployment["replicas"]
    secret = found["Secret"]
    [volume] = [v for v in pod["volumes"] if "secret" in v]
    assert volume["secret"]["secretName"] == secret["metadata"]["name"]
    mount = next(m for m in container["volumeMounts"] if m["name"] == volume["name"])
    for variable in container["env"]:
        if variable["name"].endswith("_FILE"):
            key = variable["value"].removeprefix(mount["mountPath"] + "/")
            assert key in secret["stringData"], variable["name"]


@pytest.mark.parametrize(
    ("path", "value"),
    [(["spec", "replicas"], "two"), (["spec", "template", "spec", "containers"], [{"nme": "x"}])],
)
def test_a_broken_manifest_is_caught(path: list[str], value: Any) -> None:
    deployment = copy.deepcopy(manifests()["Deployment"])
    node = deployment
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert kubernetes_errors(deployment)
