/// A value a matcher is applied to: its text, and its JSON form when the
/// caller already has it (a body parsed once per request, a value selected
/// by a JSONPath), so JSON matchers do not reparse it per stub.
struct MatchSubject {
    let text: String
    private let knownJSON: JSONValue?
    private let jsonIsKnown: Bool

    init(text: String) {
        self.text = text
        self.knownJSON = nil
        self.jsonIsKnown = false
    }

    init(text: String, json: JSONValue?) {
        self.text = text
        self.knownJSON = json
        self.jsonIsKnown = true
    }

    var json: JSONValue? { jsonIsKnown ? knownJSON : JSONParser.parse(text) }
}
