"""deploy/compose.yaml and deploy/kubernetes/commplan.yaml: valid by their schemas (shipped in
tests/deploy/schemas, see NOTICE.md; no network, no container runtime), and saying what
docs/deploy.md says they do."""

from __future__ import annotations

import copy
import json
import re
import tomllib
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


DOCKERFILE = REPO / "Dockerfile"
LOCKS = {"image": REPO / "requirements-lock.txt", "tests": REPO / "requirements-test-lock.txt"}


def test_compose_gives_every_replica_one_link_secret_from_a_secret_file() -> None:
    # Each replica used to sign links with its own random secret: one replica's e-mail or
    # calendar link was refused by the other.
    found = compose()
    for name in ("commplan", "migrate"):
        environment = found["services"][name]["environment"]
        assert environment["COMMPLAN_LINK_SECRET_FILE"] == "/run/secrets/link_secret"
        assert "COMMPLAN_LINK_SECRET" not in environment
        assert "link_secret" in found["services"][name]["secrets"]
    assert found["secrets"]["link_secret"] == {"file": "./secrets/link_secret"}


def test_compose_serves_https_at_a_real_host_name_only() -> None:
    found = compose()
    proxy = found["services"]["proxy"]
    # No default site (it was ":80", plain HTTP): the host name must be given.
    assert proxy["environment"]["COMMPLAN_SITE"].startswith("${COMMPLAN_SITE:?")
    app = found["services"]["commplan"]["environment"]
    assert app["COMMPLAN_PUBLIC_URL"].startswith("https://${COMMPLAN_SITE:?")
    caddyfile = found["configs"]["caddyfile"]["content"]
    assert "{$$COMMPLAN_SITE} {" in caddyfile and ":80" not in caddyfile
    assert "http://" not in caddyfile and "auto_https off" not in caddyfile
    assert "Strict-Transport-Security" in caddyfile
    assert {"80:80", "443:443"} <= set(proxy["ports"])


def test_compose_limits_and_drops_capabilities_of_every_container() -> None:
    for name, service in compose()["services"].items():
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert service["pids_limit"] > 0 and service["mem_limit"] and service["cpus"], name
        # Only what the image's own start needs comes back.
        assert set(service.get("cap_add", [])) <= {
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "SETGID",
            "SETUID",
            "NET_BIND_SERVICE",
        }, name
        if name in ("commplan", "migrate"):
            assert "cap_add" not in service and service["read_only"] is True
        image = service["image"]
        assert ":" in image and not image.endswith(":latest"), name


def test_kubernetes_pins_its_image_and_mounts_no_service_account_token() -> None:
    pod = manifests()["Deployment"]["spec"]["template"]["spec"]
    assert pod["automountServiceAccountToken"] is False
    for container in [*pod["initContainers"], *pod["containers"]]:
        image = container["image"]
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        assert "@sha256:" in image or tag not in ("", "latest"), image
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    [app] = pod["containers"]
    assert {"cpu", "memory"} <= set(app["resources"]["limits"])
    names = {variable["name"] for variable in app["env"]}
    assert "COMMPLAN_LINK_SECRET_FILE" in names and "COMMPLAN_LINK_SECRET" not in names
    assert "link-secret" in manifests()["Secret"]["stringData"]


def _dockerfile_lines() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined."""
    return DOCKERFILE.read_text().replace("\\\n", " ").splitlines()


def test_the_image_is_built_on_a_base_pinned_by_digest_from_the_lock_file() -> None:
    lines = _dockerfile_lines()
    arguments = dict(
        line.removeprefix("ARG ").split("=", 1) for line in lines if line.startswith("ARG ")
    )
    bases = [line.split()[1] for line in lines if line.startswith("FROM ")]
    assert len(bases) == 2
    for written in bases:
        base = arguments[written.strip("${}")] if written.startswith("${") else written
        name, _, digest = base.partition("@sha256:")
        assert re.fullmatch("[0-9a-f]{64}", digest), base
        assert name.startswith("python:3.11") and "slim" in name
    installs = [line for line in lines if "pip install" in line]
    assert "--require-hashes -r requirements-lock.txt" in installs[0]
    assert all("--no-deps" in line for line in installs[1:]) and len(installs) == 2
    assert "COPY requirements-lock.txt" in "\n".join(lines)


def _locked(path: Path) -> dict[str, str]:
    """A lock file's requirements, name -> the whole entry (continuation lines joined)."""
    entries = {}
    for line in path.read_text().replace("\\\n", " ").splitlines():
        if line and not line.startswith(("#", " ")):
            name = line.split("==", 1)[0].strip().lower().replace("_", "-")
            entries[name] = line
    return entries


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_the_lock_files_pin_every_dependency_with_hashes(which: str) -> None:
    locked = _locked(LOCKS[which])
    for name, entry in locked.items():
        assert re.match(r"^\S+==\S+ ", entry), entry  # one exact version
        assert "--hash=sha256:" in entry, name
    # Every dependency pyproject.toml names is locked (the tests' too, in the tests' file).
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    if which == "tests":
        wanted += project["optional-dependencies"]["test"]
    assert {_name(requirement) for requirement in wanted} <= set(locked)
    if which == "tests":  # the same versions as the image's
        image = _locked(LOCKS["image"])
        for name, entry in image.items():
            assert locked[name].split()[0] == entry.split()[0], name


def test_make_installs_from_the_lock_file_with_hashes() -> None:
    makefile = (REPO / "Makefile").read_text().replace("\\\n", " ")
    assert "--require-hashes" in makefile and "-r requirements-test-lock.txt" in makefile
    assert "--no-deps -e ." in makefile
    assert "-e '.[test]'" not in makefile
