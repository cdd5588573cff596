import EddyWindowing
import Testing

/// Slices and window ends agree with what the assigners assign, for every shape and offset.
@Suite struct SliceLayoutTests {
    /// For each timestamp: the windows of the assigner, rebuilt from the layout's slice and window ends.
    func check<A: WindowAssigner>(_ assigner: A) throws where A.W == TimeWindow, A.Element == Int {
        let layout = try #require(assigner.sliceLayout)
        for timestamp in Int64(-200)...200 {
            let expected = try windows(assigner, 0, at: timestamp).sorted()
            let slice = layout.slice(containing: timestamp)
            #expect(layout.start(ofSlice: slice) <= timestamp && timestamp < layout.start(ofSlice: slice + 1))
            var rebuilt: [TimeWindow] = []
            layout.windowEnds(containingSlice: slice) { end in
                #expect(layout.isWindowEnd(end))
                rebuilt.append(TimeWindow(start: layout.start(ofSlice: layout.firstSlice(ofWindowEndingAt: end)), end: layout.start(ofSlice: end)))
            }
            #expect(rebuilt.sorted() == expected, "timestamp \(timestamp)")
            if let last = expected.map(\.end).max() {
                #expect(layout.start(ofSlice: layout.lastWindowEnd(containingSlice: slice)) == last)
            }
        }
    }

    @Test func tumbling() throws {
        try check(TumblingWindows<Int>.eventTime(sizeMillis: 10))
        try check(TumblingWindows<Int>.eventTime(sizeMillis: 10, offsetMillis: -4))
    }

    @Test func sliding() throws {
        try check(SlidingWindows<Int>.eventTime(sizeMillis: 30, slideMillis: 10))
        try check(SlidingWindows<Int>.eventTime(sizeMillis: 25, slideMillis: 10, offsetMillis: 3))
        try check(SlidingWindows<Int>.eventTime(sizeMillis: 10, slideMillis: 15))
    }

    @Test func cumulative() throws {
        try check(CumulativeWindows<Int>.eventTime(stepMillis: 10, maxSizeMillis: 40))
        try check(CumulativeWindows<Int>.eventTime(stepMillis: 5, maxSizeMillis: 15, offsetMillis: 7))
    }

    @Test func nextWindowEndSkipsToTheSlideGrid() {
        let layout = SliceLayout(sliceSize: 5, offset: 0, shape: .sliding(windowSlices: 5, slideSlices: 2))
        #expect(layout.nextWindowEnd(after: 0) == 1)
        #expect(layout.nextWindowEnd(after: 1) == 3)
        #expect(layout.nextWindowEnd(after: 2) == 3)
    }
}
