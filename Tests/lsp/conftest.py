"""Shared pieces of the end-to-end tests: the server command, a client that
records what the tests assert on, and small helpers (waiting for diagnostics,
applying edits the way an editor does)."""

import asyncio
import os
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
ARGOLINT = Path(os.environ.get("ARGOLINT_BIN", REPO / ".build" / "debug" / "argolint"))
SERVER = [str(ARGOLINT), "lsp"]

if not ARGOLINT.exists():
    raise RuntimeError(f"{ARGOLINT} is missing: run `swift build` first (or set ARGOLINT_BIN)")


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _record_registration(client: LanguageClient, params: types.RegistrationParams):
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its
    version) and the capability registrations the server asks for."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = _record_registration
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def wait_for_diagnostics(client, uri, predicate=lambda diagnostics: True, timeout=15.0):
    """The diagnostics last published for `uri`, once `predicate` holds for them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if uri in client.diagnostics and predicate(client.diagnostics[uri]):
            return list(client.diagnostics[uri])
        if loop.time() > deadline:
            raise AssertionError(f"no matching diagnostics for {uri} within {timeout}s; last: {client.diagnostics.get(uri)}")
        await asyncio.sleep(0.01)


def codes(diagnostics):
    return [d.code for d in diagnostics]


def open_document(client, uri, text, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=version, text=text)))


def change_document(client, uri, text, version):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def close_document(client, uri):
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


def _index(line: str, character: int, encoding: str) -> int:
    """The str index of an LSP character offset within one line."""
    units = 0
    for index, ch in enumerate(line):
        if units >= character:
            return index
        units += len(ch.encode("utf-8")) if encoding == "utf-8" else (2 if ord(ch) > 0xFFFF else 1) if encoding == "utf-16" else 1
    return len(line)


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """Applies TextEdits as an editor does: ranges in the negotiated encoding,
    later edits first so earlier offsets stay valid."""
    lines = text.split("\n")  # the tests' texts use \n only

    def offset(position):
        start = sum(len(line) + 1 for line in lines[:position.line])
        return start + _index(lines[position.line], position.character, encoding)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


# An HTTP workflow with two http-method findings: `get` (a warning with a safe
# fix, GET) after an emoji and CJK text on its line, and `FETCH` (an error
# with an unsafe fix, GET).
HTTP_WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: http-}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: call
        - - name: b
            template: call2
    - name: call
      http: {url: "https://example.com/😀/日本", method: get}
    - name: call2
      http:
        url: https://example.com/
        method: FETCH
"""

TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: tools}
spec:
  templates:
    - name: gen
      container: {image: alpine}
"""

USES_TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: uses-}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: t
            templateRef: {name: tools, template: gen}
"""
