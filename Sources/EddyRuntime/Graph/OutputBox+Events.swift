/// The element-independent closures of an ``Output``: watermarks, stream status and latency
/// markers, which go to every output of an operator, its side outputs included.
struct OutputEvents {
    var watermark: (Watermark) throws -> Void
    var streamStatus: (StreamStatus) throws -> Void
    var latencyMarker: (LatencyMarker) throws -> Void

    /// The events of `object`, an `OutputBox` passed through the graph as `AnyObject`.
    static func of(_ object: AnyObject, _ what: @autoclosure () -> String) -> OutputEvents {
        box(object, what()).events
    }

    /// `object` (an `OutputBox`) with its events also sent to `others`.
    static func adding(_ others: [OutputEvents], to object: AnyObject, _ what: @autoclosure () -> String) -> AnyObject {
        box(object, what()).alsoSendingEvents(to: others)
    }

    private static func box(_ object: AnyObject, _ what: @autoclosure () -> String) -> any OutputEventsBox {
        guard let box = object as? any OutputEventsBox else {
            preconditionFailure("job graph wiring: \(what()) expected an OutputBox, got \(type(of: object))")
        }
        return box
    }
}

/// An ``OutputBox`` seen without its element type, so deployment can send a node's events to the
/// boxes of its side-output edges, whose element types differ from the main output's.
protocol OutputEventsBox: AnyObject {
    var events: OutputEvents { get }
    /// This box, with its events also sent to `others` (after its own).
    func alsoSendingEvents(to others: [OutputEvents]) -> AnyObject
}

extension OutputBox: OutputEventsBox {
    var events: OutputEvents {
        OutputEvents(watermark: output.watermark, streamStatus: output.streamStatus, latencyMarker: output.latencyMarker)
    }

    func alsoSendingEvents(to others: [OutputEvents]) -> AnyObject {
        guard !others.isEmpty else { return self }
        var output = self.output
        let own = events
        output.watermark = { watermark in
            try own.watermark(watermark)
            for other in others { try other.watermark(watermark) }
        }
        output.streamStatus = { status in
            try own.streamStatus(status)
            for other in others { try other.streamStatus(status) }
        }
        output.latencyMarker = { marker in
            try own.latencyMarker(marker)
            for other in others { try other.latencyMarker(marker) }
        }
        return OutputBox(output)
    }
}
