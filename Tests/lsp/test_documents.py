"""Diagnostics, quick fixes and hovers for open documents, in a VS Code
session (UTF-16 positions) and a session whose client offers UTF-8."""

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from conftest import (CONFIG, HTTP_WORKFLOW, apply_edits, change_document, close_document, codes,
                      open_document, wait_for_diagnostics)

URI = "file:///nonexistent-workspace/http.yaml"
# On line 13, `get` follows `😀/日本`: 54 code points, 55 UTF-16 units, 61 UTF-8 bytes in.
GET_LINE = 13


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert result.server_info.name == "argolint"
    sync = result.capabilities.text_document_sync
    assert sync.open_close and sync.change == types.TextDocumentSyncKind.Full and sync.save is not None
    assert result.capabilities.hover_provider
    assert list(result.capabilities.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def utf8_client(lsp_client: LanguageClient):
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_have_codes_utf16_ranges_and_links(client: LanguageClient):
    open_document(client, URI, HTTP_WORKFLOW)
    diagnostics = await wait_for_diagnostics(client, URI, lambda d: len(d) > 0)
    assert codes(diagnostics) == ["http-method", "http-method"]
    lower, fetch = diagnostics
    assert lower.range == types.Range(start=types.Position(line=GET_LINE, character=55),
                                      end=types.Position(line=GET_LINE, character=58))
    assert lower.severity == types.DiagnosticSeverity.Warning
    assert fetch.range == types.Range(start=types.Position(line=17, character=16),
                                      end=types.Position(line=17, character=21))
    assert fetch.severity == types.DiagnosticSeverity.Error
    assert fetch.source == "argolint"
    assert fetch.code_description.href == "https://github.com/argolint/argolint/blob/main/rules/http-method.md"
    assert client.published[-1].version == 1


async def test_utf8_session_counts_bytes(utf8_client: LanguageClient):
    open_document(utf8_client, URI, HTTP_WORKFLOW)
    diagnostics = await wait_for_diagnostics(utf8_client, URI, lambda d: len(d) > 0)
    assert diagnostics[0].range.start == types.Position(line=GET_LINE, character=61)
    assert diagnostics[0].range.end == types.Position(line=GET_LINE, character=64)


async def test_change_fixing_it_empties_and_close_clears(client: LanguageClient):
    open_document(client, URI, HTTP_WORKFLOW)
    await wait_for_diagnostics(client, URI, lambda d: len(d) == 2)
    fixed = HTTP_WORKFLOW.replace("method: get", "method: GET").replace("FETCH", "POST")
    change_document(client, URI, fixed, version=2)
    await wait_for_diagnostics(client, URI, lambda d: len(d) == 0)
    assert client.published[-1].version == 2
    # Break it again, then close: the list is cleared.
    change_document(client, URI, HTTP_WORKFLOW, version=3)
    await wait_for_diagnostics(client, URI, lambda d: len(d) == 2)
    close_document(client, URI)
    await wait_for_diagnostics(client, URI, lambda d: len(d) == 0)


async def test_quick_fix_round_trip(client: LanguageClient):
    open_document(client, URI, HTTP_WORKFLOW)
    lower, fetch = await wait_for_diagnostics(client, URI, lambda d: len(d) == 2)

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=lower.range,
        context=types.CodeActionContext(diagnostics=[lower])))
    assert len(actions) == 1
    safe = actions[0]
    assert safe.kind == types.CodeActionKind.QuickFix
    assert safe.title == "Use GET" and safe.is_preferred
    edits = safe.edit.changes[URI]
    assert [e.new_text for e in edits] == ["GET"]
    text = apply_edits(HTTP_WORKFLOW, edits, "utf-16")
    assert 'method: GET}' in text
    change_document(client, URI, text, version=2)
    remaining = await wait_for_diagnostics(client, URI, lambda d: len(d) == 1)
    assert remaining[0].range == fetch.range

    # The unsafe fix is offered too, not preferred, and says so.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=fetch.range,
        context=types.CodeActionContext(diagnostics=[remaining[0]])))
    assert [(a.title, a.is_preferred) for a in actions] == [("Use GET (unsafe)", False)]
    text = apply_edits(text, actions[0].edit.changes[URI], "utf-16")
    change_document(client, URI, text, version=3)
    await wait_for_diagnostics(client, URI, lambda d: len(d) == 0)


async def test_quick_fix_in_utf8_session(utf8_client: LanguageClient):
    open_document(utf8_client, URI, HTTP_WORKFLOW)
    lower, _ = await wait_for_diagnostics(utf8_client, URI, lambda d: len(d) == 2)
    actions = await utf8_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=lower.range,
        context=types.CodeActionContext(diagnostics=[lower])))
    text = apply_edits(HTTP_WORKFLOW, actions[0].edit.changes[URI], "utf-8")
    assert 'method: GET}' in text
    change_document(utf8_client, URI, text, version=2)
    await wait_for_diagnostics(utf8_client, URI, lambda d: len(d) == 1)


async def test_hover_shows_the_rule(client: LanguageClient):
    open_document(client, URI, HTTP_WORKFLOW)
    _, fetch = await wait_for_diagnostics(client, URI, lambda d: len(d) == 2)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=17, character=18)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "`http-method` (error)" in hover.contents.value
    assert "Not a registered HTTP method" in hover.contents.value
    assert hover.range == fetch.range
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=1, character=2)))
    assert nothing is None


async def test_non_argo_yaml_gets_an_empty_list(client: LanguageClient):
    uri = "file:///nonexistent-workspace/values.yaml"
    open_document(client, uri, "replicas: 1\nreplicas: 2\nimage: {repository: nginx}\n")
    assert await wait_for_diagnostics(client, uri) == []
    uri = "file:///nonexistent-workspace/list.yaml"
    open_document(client, uri, "- a\n- b\n")
    assert await wait_for_diagnostics(client, uri) == []
