/// Everything that determines a generated click stream: the same options give the same clicks.
///
/// Shaped after `eddy gen clicks --events N --users U --items I --events-per-second R --seed S`, so a
/// command line maps field for field onto this struct.
public struct ClickGeneratorOptions: Sendable, Hashable {
    /// How many clicks to generate.
    public var events: Int
    /// User IDs are uniform in `0..<users`.
    public var users: Int
    /// Item IDs are uniform in `0..<items`.
    public var items: Int
    /// Event time advances by one second per `eventsPerSecond` events.
    public var eventsPerSecond: Int
    /// Seed of the random sequence; different seeds give different streams.
    public var seed: UInt64
    /// Event time of the first click, in milliseconds since the Unix epoch.
    public var startMillis: Int64
    /// Fraction of clicks, in `[0, 1]`, whose timestamp is moved back to make the stream out of order.
    public var lateFraction: Double
    /// A late click is moved back by a uniform delay in `1...maxDelayMillis` milliseconds.
    public var maxDelayMillis: Int64

    /// Default event time of the first click: 2023-11-14T22:13:20Z, a round number of seconds.
    public static let defaultStartMillis: Int64 = 1_700_000_000_000

    public init(
        events: Int,
        users: Int,
        items: Int,
        eventsPerSecond: Int,
        seed: UInt64,
        startMillis: Int64 = ClickGeneratorOptions.defaultStartMillis,
        lateFraction: Double = 0.05,
        maxDelayMillis: Int64 = 2000
    ) {
        self.events = events
        self.users = users
        self.items = items
        self.eventsPerSecond = eventsPerSecond
        self.seed = seed
        self.startMillis = startMillis
        self.lateFraction = lateFraction
        self.maxDelayMillis = maxDelayMillis
    }

    /// Options a user typed wrong; the message names the option so a CLI can print it as is.
    public struct InvalidOptions: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { "invalid click generator options: \(message)" }
    }

    /// Throws `InvalidOptions` naming the first option out of range.
    ///
    /// Limits keep the event-time arithmetic (`index * 1000`, start minus delay) inside `Int64`.
    public func validate() throws(InvalidOptions) {
        func fail(_ message: String) -> InvalidOptions { InvalidOptions(message: message) }
        if events < 0 { throw fail("events must be >= 0, got \(events)") }
        if Int64(events) > Int64.max / 1000 { throw fail("events must be <= \(Int64.max / 1000), got \(events)") }
        if users <= 0 { throw fail("users must be > 0, got \(users)") }
        if items <= 0 { throw fail("items must be > 0, got \(items)") }
        if eventsPerSecond <= 0 { throw fail("events-per-second must be > 0, got \(eventsPerSecond)") }
        if !(lateFraction >= 0 && lateFraction <= 1) {
            throw fail("late fraction must be in [0, 1], got \(lateFraction)")
        }
        if maxDelayMillis < 0 { throw fail("max delay must be >= 0 ms, got \(maxDelayMillis)") }
        let span = Int64(events) * 1000 / Int64(eventsPerSecond)
        let (last, overflow) = startMillis.addingReportingOverflow(span)
        if overflow || startMillis.subtractingReportingOverflow(maxDelayMillis).overflow || last == Int64.max {
            throw fail("start \(startMillis) ms with these events and delays overflows Int64 milliseconds")
        }
    }
}
