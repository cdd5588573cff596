/// A deterministic stream of synthetic clicks: the same options give the same clicks, in order.
///
/// Event `i` happens at `startMillis + i * 1000 / eventsPerSecond` (event time advances at
/// `eventsPerSecond` events per second). A `lateFraction` of clicks get their timestamp moved back by
/// a uniform `1...maxDelayMillis` ms, so the stream is out of order by at most `maxDelayMillis`, as a
/// watermark strategy with that bound expects. Users and items are uniform.
///
/// A value type holding only integers: `next()` never allocates, and copying a generator forks the
/// sequence (both copies continue identically).
public struct ClickGenerator: Sequence, IteratorProtocol, Sendable {
    /// The options this generator was made from.
    public let options: ClickGeneratorOptions

    @usableFromInline var random: SplitMix64
    @usableFromInline var index: Int64
    @usableFromInline let events: Int64
    @usableFromInline let users: UInt64
    @usableFromInline let items: UInt64
    @usableFromInline let eventsPerSecond: Int64
    @usableFromInline let startMillis: Int64
    @usableFromInline let maxDelay: UInt64
    /// A click is late when 53 random bits fall below this; integer compare instead of a Double per event.
    @usableFromInline let lateThreshold: UInt64

    /// A generator for `options`.
    ///
    /// - Precondition: `options.validate()` does not throw. Callers holding user input should call
    ///   `validate()` first to get a readable error instead of a trap.
    public init(options: ClickGeneratorOptions) {
        do {
            try options.validate()
        } catch {
            preconditionFailure(error.description)
        }
        self.options = options
        random = SplitMix64(seed: options.seed)
        index = 0
        events = Int64(options.events)
        users = UInt64(options.users)
        items = UInt64(options.items)
        eventsPerSecond = Int64(options.eventsPerSecond)
        startMillis = options.startMillis
        maxDelay = UInt64(options.maxDelayMillis)
        // A zero maximum delay means nothing can be late, whatever the fraction says.
        lateThreshold = options.maxDelayMillis == 0 ? 0 : UInt64((options.lateFraction * 0x1p53).rounded())
    }

    /// How many clicks are left.
    public var remaining: Int { Int(events - index) }

    /// Lets `Array(generator)` and `reserveCapacity` size their storage once.
    public var underestimatedCount: Int { remaining }

    /// The next click, or `nil` after `options.events` clicks.
    @inlinable
    public mutating func next() -> Click? {
        guard index < events else { return nil }
        // Draw order is part of the format of a seed: changing it changes every generated stream.
        let user = Int64(random.nextInt(below: users))
        let item = Int64(random.nextInt(below: items))
        var timestamp = startMillis + index &* 1000 / eventsPerSecond
        if random.next() >> 11 < lateThreshold {
            timestamp -= Int64(random.nextInt(below: maxDelay)) + 1
        }
        index += 1
        return Click(userID: user, itemID: item, timestampMillis: timestamp)
    }

    /// Replaces the contents of `batch` with up to `max` next clicks; returns how many (0 at the end).
    ///
    /// Keeps the array's capacity, so refilling one array in a loop allocates only on the first call.
    @inlinable
    @discardableResult
    public mutating func fill(into batch: inout [Click], max: Int) -> Int {
        batch.removeAll(keepingCapacity: true)
        let count = Swift.min(Swift.max(max, 0), remaining)
        batch.reserveCapacity(count)
        for _ in 0..<count {
            // `count <= remaining`, so `next()` is never nil here.
            guard let click = next() else { break }
            batch.append(click)
        }
        return count
    }
}
