"""Malformed input: the server answers with JSON-RPC errors and keeps
working. First through the real client's transport, then with raw frames
written to the server's stdin by a plain subprocess (for what a well-behaved
client cannot send: truncated bodies, bad headers, exit codes)."""

import asyncio
import json
import queue
import subprocess
import threading
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pytest_lsp import LanguageClient, client_capabilities

from conftest import CONFIG, HTTP_WORKFLOW, SERVER, open_document, wait_for_diagnostics


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


async def test_raw_garbage_through_the_client_transport(client: LanguageClient):
    """Raw bytes on the client's own connection: a body that is not JSON, and
    a request whose method is not a string; the answers have ids the client
    never used, so they are caught on their way in."""
    answers = []
    original = client.protocol._handle_response

    def record(msg_id, result=None, error=None):
        answers.append((msg_id, error))
        return original(msg_id, result, error)

    client.protocol._handle_response = record
    writer = client.protocol.writer
    for body in [b"{not json}", b'{"jsonrpc":"2.0","id":"bad-1","method":7}']:
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while len(answers) < 2 and loop.time() < deadline:
        await asyncio.sleep(0.01)
    assert [(msg_id, error.code) for msg_id, error in answers] == [(None, -32700), ("bad-1", -32600)]

    # Still working: unknown requests get -32601, documents still get diagnostics.
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("argolint/unknown", {})
    open_document(client, "file:///nowhere/wf.yaml", HTTP_WORKFLOW)
    assert len(await wait_for_diagnostics(client, "file:///nowhere/wf.yaml", lambda d: len(d) > 0)) == 2


class RawServer:
    """`argolint lsp` on pipes, with frames written and read by hand."""

    def __init__(self):
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.lower()] = value.strip()
            # stdout carries only the protocol: every frame must parse strictly.
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def next(self, timeout=10.0):
        """The next message other than a notification."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message is None or "method" not in message:
                return message

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        assert self.next()["id"] == 1
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def finish(self, timeout=10.0):
        self.process.stdin.close()
        return self.process.wait(timeout=timeout)

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if not stream.closed:
                try:
                    stream.close()
                except BrokenPipeError:
                    pass


@pytest.fixture
def raw():
    server = RawServer()
    yield server
    server.close()


def test_requests_before_initialize_and_after_shutdown(raw):
    raw.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
    assert raw.next()["error"]["code"] == -32002
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert raw.next() == {"jsonrpc": "2.0", "id": 2, "result": None}
    raw.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {}})
    assert raw.next()["error"]["code"] == -32600
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=10) == 0


def test_exit_without_shutdown_is_status_1(raw):
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=10) == 1


def test_end_of_input_without_exit_is_status_1(raw):
    raw.initialize()
    assert raw.finish() == 1


def test_bad_headers_get_parse_errors_and_the_next_message_is_answered(raw):
    raw.initialize()
    for index, bad in enumerate([b"Content-Length: banana\r\n\r\n{}", b"X-Only-Header: 1\r\n\r\n{}",
                                 b"Content-Length: 99999999999\r\n\r\n{}", b"{}\r\n\r\n"]):
        raw.write(bad)
        raw.send({"jsonrpc": "2.0", "id": index, "method": "argolint/unknown"})
        error = raw.next()
        assert error["id"] is None and error["error"]["code"] == -32700, bad
        answer = raw.next()
        assert answer["id"] == index and answer["error"]["code"] == -32601, bad


def test_an_overstated_length_does_not_lose_the_next_message(raw):
    raw.initialize()
    body = b'{"jsonrpc":"2.0","id":5,"method":"shutdown"}'
    raw.write(b"Content-Length: %d\r\n\r\n" % (len(body) + 30) + body)
    raw.send({"jsonrpc": "2.0", "id": 6, "method": "shutdown"})
    error = raw.next()
    assert error["id"] is None and error["error"]["code"] == -32700
    assert raw.next() == {"jsonrpc": "2.0", "id": 6, "result": None}


def test_a_truncated_body_is_given_up_not_waited_for_forever(raw):
    raw.initialize()
    raw.write(b'Content-Length: 500\r\n\r\n{"jsonrpc":"2.0","id":9,')
    error = raw.next(timeout=15)
    assert error["id"] is None and error["error"]["code"] == -32700
    raw.send({"jsonrpc": "2.0", "id": 10, "method": "shutdown"})
    assert raw.next()["id"] == 10
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=10) == 0


def test_a_truncated_body_at_end_of_input_exits(raw):
    raw.initialize()
    raw.write(b'Content-Length: 500\r\n\r\n{"jsonrpc"')
    assert raw.finish() == 1


def test_invalid_json_rpc_messages(raw):
    raw.initialize()
    for message in [[1, 2], {"id": 3, "method": "x"}, {"jsonrpc": "2.0", "id": 4, "method": "x", "params": "p"}]:
        raw.send(message)
        assert raw.next()["error"]["code"] == -32600
    raw.write(b"Content-Length: 3\r\n\r\n\xff\xfe\x00")
    assert raw.next()["error"]["code"] == -32700
    raw.send({"jsonrpc": "2.0", "id": 8, "method": "shutdown"})
    assert raw.next()["id"] == 8
