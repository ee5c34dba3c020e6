import Testing
@testable import ArgoSyntax

/// The standard cron grammar of robfig/cron v3 (`ParseStandard`), as Argo's
/// CronWorkflow validation uses it.
@Suite struct CronScheduleTests {
    static let zones: Set<String> = ["", "UTC", "Asia/Tokyo", "Europe/Paris"]
    func check(_ spec: String) -> CronScheduleIssue? { CronSchedule.check(spec, isKnownZone: { Self.zones.contains($0) }) }

    @Test(arguments: [
        "* * * * *", "0 2 * * *", "*/5 * * * *", "0 9-17/2 * * MON-FRI", "0 0 1 jan,Jul *",
        "? ? ? ? ?", "5/10 * * * *", "1,,2 * * * *", "*-3 * * * *", "+5 * * * *", "0 0 * * 0-6",
        "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
        "@every 1h30m", "@every 90s", "@every 1.5h", "@every 0",
        "CRON_TZ=Asia/Tokyo 0 0 * * *", "TZ=Europe/Paris  @daily", "CRON_TZ= 0 0 * * *",
        "  0 0 * * *  ", "0\t0 * * *",
    ])
    func accepts(_ spec: String) {
        #expect(check(spec) == nil, "\(spec)")
    }

    /// Each rejected schedule with the text the finding points at.
    @Test(arguments: [
        ("", ""), ("0 24 * * *", "24"), ("60 * * * *", "60"), ("0 0 0 * *", "0"), ("0 0 * 13 *", "13"),
        ("0 0 * * 7", "7"), ("0 0 * * 1-7", "7"), ("0 0 * * Tues", "Tues"), ("0 0 * Foo *", "Foo"),
        ("*/0 * * * *", "0"), ("*/-1 * * * *", "-1"), ("*/ * * * *", ""), ("5-1 * * * *", "5-1"),
        ("1-2-3 * * * *", "1-2-3"), ("*/5/2 * * * *", "*/5/2"), ("-5 * * * *", ""),
        ("0 0 0 * * *", "*"), ("0 0 *", "0 0 *"), ("@Daily", "@Daily"), ("@daily ", "@daily "),
        ("@every 1x", "1x"), ("@every", "@every"), ("@every  1h", " 1h"), ("@every 1.2.3h", "1.2.3h"),
        ("CRON_TZ=Mars/Base 0 0 * * *", "Mars/Base"), ("TZ=UTC", "TZ=UTC"),
    ])
    func rejects(_ spec: String, _ pointedAt: String) throws {
        let issue = try #require(check(spec), "\(spec)")
        let bytes = Array(spec.utf8)
        #expect(String(decoding: bytes[issue.range], as: UTF8.self) == pointedAt, "\(spec): \(issue.message)")
    }

    @Test func namesTheRangeAndSuggests() throws {
        #expect(try #require(check("0 0 * * 7")).message.contains("Sunday is 0"))
        #expect(try #require(check("0 0 * * Tues")).message.contains("did you mean \"TUE\"?"))
        #expect(try #require(check("@dayly")).message.contains("did you mean \"@daily\"?"))
        #expect(try #require(check("0 0 0 * * *")).message.contains("seconds"))
    }

    @Test(arguments: ["1h", "1h30m", "-5m", "+5s", "0", "1.5h", ".5s", "5.s", "300ms", "1us", "1µs"])
    func goDurations(_ text: String) { #expect(CronSchedule.isGoDuration(text), "\(text)") }

    @Test(arguments: ["", "1", "h", "1x", ".s", "1.2.3s", "1h ", " 1h", "--1s"])
    func notGoDurations(_ text: String) { #expect(!CronSchedule.isGoDuration(text), "\(text)") }
}
