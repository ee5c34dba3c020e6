/// How `fixedDelayMilliseconds` is honoured.
public enum DelayMode: Sendable {
    /// The response is sent after the delay (scheduled on the event loop, no thread waits).
    case real
    /// The response is sent at once with `X-Argolint-Delay-Ms: N`; the
    /// runner's virtual clock compares N with its timeout.
    case virtual
}
