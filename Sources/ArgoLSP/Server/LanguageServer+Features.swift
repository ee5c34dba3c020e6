extension LanguageServer {
    func hover(_ params: JSON) -> Result<JSON, RequestError> {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let position = LSPPosition(params["position"]) else {
            return .failure(RequestError(.invalidParams, "hover needs textDocument.uri and position"))
        }
        guard let outcome = currentOutcome(uri) else { return .success(.null) }
        let converter = PositionConverter(file: outcome.file, encoding: encoding)
        return .success(HoverContent.hover(for: outcome.diagnostics, at: converter.byteOffset(of: position), converter: converter))
    }

    func codeAction(_ params: JSON) -> Result<JSON, RequestError> {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let range = LSPRange(params["range"]) else {
            return .failure(RequestError(.invalidParams, "codeAction needs textDocument.uri and range"))
        }
        guard let outcome = currentOutcome(uri) else { return .success([]) }
        let converter = PositionConverter(file: outcome.file, encoding: encoding)
        let only = params["context"]?["only"]?.arrayValue?.compactMap(\.stringValue)
        return .success(.array(CodeActions.actions(for: outcome.diagnostics, overlapping: converter.span(of: range),
                                                   uri: uri, converter: converter, only: only)))
    }
}
