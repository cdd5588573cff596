import EddyWindowing

/// One of the aligned assigners, chosen at run time (random test cases).
struct AnyAlignedWindows: WindowAssigner, CustomStringConvertible {
    enum Choice {
        case tumbling(TumblingWindows<Reading>)
        case sliding(SlidingWindows<Reading>)
        case cumulative(CumulativeWindows<Reading>)
    }

    let choice: Choice

    func assignWindows(_ element: Reading, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void) throws {
        switch choice {
        case .tumbling(let a): try a.assignWindows(element, timestamp: timestamp, currentProcessingTime: currentProcessingTime, assign)
        case .sliding(let a): try a.assignWindows(element, timestamp: timestamp, currentProcessingTime: currentProcessingTime, assign)
        case .cumulative(let a): try a.assignWindows(element, timestamp: timestamp, currentProcessingTime: currentProcessingTime, assign)
        }
    }

    var defaultTrigger: DefaultTimeTrigger<Reading, TimeWindow> { DefaultTimeTrigger(eventTime: true) }
    var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    var isEventTime: Bool { true }

    var sliceLayout: SliceLayout? {
        switch choice {
        case .tumbling(let a): a.sliceLayout
        case .sliding(let a): a.sliceLayout
        case .cumulative(let a): a.sliceLayout
        }
    }

    var description: String {
        switch choice {
        case .tumbling(let a): "tumbling \(a.size)"
        case .sliding(let a): "sliding \(a.size)/\(a.slide)"
        case .cumulative(let a): "cumulative \(a.step) to \(a.maxSize)"
        }
    }
}
