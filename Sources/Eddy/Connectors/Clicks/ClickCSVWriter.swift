/// Writes clicks as headerless `user_id,item_id,ts_millis` rows, durably (see ``IntegerCSVWriter``).
public typealias ClickCSVWriter = IntegerCSVWriter

extension IntegerCSVWriter {
    /// Appends one click row.
    @inline(__always)
    public func write(_ click: Click) throws(ClickFileError) {
        try writeRow(click.userID, click.itemID, click.timestampMillis)
    }

    /// Appends one row per click, in order.
    public func write(contentsOf clicks: [Click]) throws(ClickFileError) {
        for click in clicks { try write(click) }
    }
}

extension IntegerCSVWriter {
    /// Generates the clicks `options` describe and writes them durably to `path`, in one call.
    ///
    /// The entry point of `eddy gen clicks`: validate, generate in batches, write, close.
    /// - Throws: `ClickGeneratorOptions.InvalidOptions` for bad options, `ClickFileError` for I/O.
    public static func writeGenerated(
        _ options: ClickGeneratorOptions, to path: String, bufferCapacity: Int = 1 << 20
    ) throws -> Stats {
        try options.validate()
        var generator = ClickGenerator(options: options)
        let writer = try ClickCSVWriter(path: path, bufferCapacity: bufferCapacity)
        var batch: [Click] = []
        while generator.fill(into: &batch, max: 4096) > 0 {
            try writer.write(contentsOf: batch)
        }
        return try writer.close()
    }
}
