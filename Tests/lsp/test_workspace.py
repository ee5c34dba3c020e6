"""Workspace awareness: the server indexes the workspace folder's
WorkflowTemplates, a Workflow's templateRef resolves against them, and
changes reported through workspace/didChangeWatchedFiles re-check it."""

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from conftest import CONFIG, TEMPLATE, USES_TEMPLATE, codes, open_document, wait_for_diagnostics


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tools.yaml").write_text(TEMPLATE)
    (tmp_path / "workflows").mkdir()
    (tmp_path / "workflows" / "uses.yaml").write_text(USES_TEMPLATE)
    return tmp_path


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")]))
    yield
    await lsp_client.shutdown_session()


def watched(client, path: Path, change: types.FileChangeType):
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=path.as_uri(), type=change)]))


def not_undefined(diagnostics):
    return "undefined-template" not in codes(diagnostics)


def undefined(diagnostics):
    return "undefined-template" in codes(diagnostics)


async def test_template_ref_resolves_and_follows_the_disk(client: LanguageClient, workspace: Path):
    uri = (workspace / "workflows" / "uses.yaml").as_uri()
    open_document(client, uri, USES_TEMPLATE)
    assert codes(await wait_for_diagnostics(client, uri)) == []

    # VS Code offers dynamic registration, so the server asked to watch YAML files.
    registrations = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert registrations, client.registrations

    template = workspace / "templates" / "tools.yaml"
    template.write_text(TEMPLATE.replace("name: gen", "name: generate"))
    watched(client, template, types.FileChangeType.Changed)
    await wait_for_diagnostics(client, uri, undefined)

    template.write_text(TEMPLATE)
    watched(client, template, types.FileChangeType.Changed)
    await wait_for_diagnostics(client, uri, not_undefined)

    template.unlink()
    watched(client, template, types.FileChangeType.Deleted)
    diagnostics = await wait_for_diagnostics(client, uri, undefined)
    assert "tools" in diagnostics[0].message

    # A new file defining it brings it back.
    (workspace / "templates" / "again.yaml").write_text(TEMPLATE)
    watched(client, workspace / "templates" / "again.yaml", types.FileChangeType.Created)
    await wait_for_diagnostics(client, uri, not_undefined)


async def test_an_open_templates_unsaved_text_wins(client: LanguageClient, workspace: Path):
    uri = (workspace / "workflows" / "uses.yaml").as_uri()
    open_document(client, uri, USES_TEMPLATE)
    await wait_for_diagnostics(client, uri, lambda d: d == [] or not_undefined(d))
    template_uri = (workspace / "templates" / "tools.yaml").as_uri()
    open_document(client, template_uri, TEMPLATE.replace("name: gen", "name: renamed"))
    await wait_for_diagnostics(client, uri, undefined)
