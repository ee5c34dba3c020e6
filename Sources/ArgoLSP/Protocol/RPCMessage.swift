/// A JSON-RPC request id: LSP allows integers and strings.
public enum RequestID: Sendable, Hashable {
    case int(Int)
    case string(String)

    init?(_ json: JSON) {
        switch json {
        case .string(let text): self = .string(text)
        default:
            guard let value = json.intValue else { return nil }
            self = .int(value)
        }
    }

    var json: JSON {
        switch self {
        case .int(let value): return .int(value)
        case .string(let text): return .string(text)
        }
    }
}

/// JSON-RPC 2.0 and LSP error codes the server answers with.
public enum RPCErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
}

/// An incoming message, classified. Anything that is JSON but not a valid
/// JSON-RPC 2.0 message is `.invalid` and gets -32600.
public enum RPCMessage: Sendable, Equatable {
    case request(id: RequestID, method: String, params: JSON?)
    case notification(method: String, params: JSON?)
    /// A reply to a request the server sent (a capability registration).
    case response(id: RequestID?, error: JSON?)
    /// Not JSON-RPC; `id` is the message's id when it had a usable one.
    case invalid(id: RequestID?, reason: String)

    public init(_ json: JSON) {
        guard let members = json.objectValue else {
            // LSP does not use JSON-RPC batches; an array is answered like any non-object.
            self = .invalid(id: nil, reason: json.arrayValue != nil ? "batch messages are not supported" : "a message must be a JSON object")
            return
        }
        let id = members["id"].flatMap(RequestID.init)
        guard members["jsonrpc"] == "2.0" else {
            self = .invalid(id: id, reason: "\"jsonrpc\" must be \"2.0\"")
            return
        }
        if let rawID = members["id"], !rawID.isNull, id == nil {
            self = .invalid(id: nil, reason: "\"id\" must be an integer or a string")
            return
        }
        guard let methodValue = members["method"] else {
            if members["id"] != nil && (members["result"] != nil || members["error"] != nil) {
                self = .response(id: id, error: members["error"])
            } else {
                self = .invalid(id: id, reason: "a message needs a \"method\" (or, for a response, \"result\" or \"error\")")
            }
            return
        }
        guard let method = methodValue.stringValue else {
            self = .invalid(id: id, reason: "\"method\" must be a string")
            return
        }
        let params = members["params"]
        if let params, params.objectValue == nil, params.arrayValue == nil {
            self = .invalid(id: id, reason: "\"params\" must be an object or an array")
            return
        }
        if let id {
            self = .request(id: id, method: method, params: params)
        } else if members["id"] != nil {
            // `"id": null` is neither a usable request nor a notification.
            self = .invalid(id: nil, reason: "a request \"id\" must not be null")
        } else {
            self = .notification(method: method, params: params)
        }
    }
}

/// Builders for outgoing messages.
enum RPC {
    static func response(id: RequestID, result: JSON) -> JSON {
        ["jsonrpc": "2.0", "id": id.json, "result": result]
    }

    static func error(id: RequestID?, code: RPCErrorCode, message: String) -> JSON {
        ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": ["code": .int(code.rawValue), "message": .string(message)]]
    }

    static func notification(_ method: String, _ params: JSON) -> JSON {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    static func request(id: RequestID, method: String, params: JSON) -> JSON {
        ["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params]
    }
}
