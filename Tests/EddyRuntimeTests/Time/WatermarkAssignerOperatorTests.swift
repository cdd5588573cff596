import Testing
@testable import EddyRuntime

@Suite struct WatermarkAssignerOperatorTests {
    struct Event { var id: Int; var time: Int64 }

    func makeAssigner(
        _ strategy: WatermarkStrategy<Event> = .boundedOutOfOrderness(millis: 10)
    ) -> (WatermarkAssignerOperator<Event>, WatermarkRecorder<Int>) {
        let recorder = WatermarkRecorder<Int>()
        let assigner = WatermarkAssignerOperator(
            strategy: strategy.withTimestampAssigner { event, _ in event.time },
            downstream: recorder.output.contramap { (event: Event) in event.id })
        return (assigner, recorder)
    }

    @Test func assignsTimestampsAndEmitsIncreasingWatermarksOnTicks() throws {
        let (assigner, recorder) = makeAssigner()
        let input = assigner.input
        try input.record(Event(id: 1, time: 100), nil)
        try input.record(Event(id: 2, time: 50), 7)
        try assigner.onPeriodicEmit(nowMillis: 0)
        try input.record(Event(id: 3, time: 80), nil)
        try assigner.onPeriodicEmit(nowMillis: 200)
        try input.record(Event(id: 4, time: 120), nil)
        try assigner.onPeriodicEmit(nowMillis: 400)
        #expect(recorder.log == [
            "record(1, 100)", "record(2, 50)", "watermark(89)", "record(3, 80)", "record(4, 120)", "watermark(109)",
        ])
        #expect(assigner.currentWatermark == Watermark(109))
    }

    @Test func keepsTheCarriedTimestampWithoutAnAssigner() throws {
        let recorder = WatermarkRecorder<Int>()
        let assigner = WatermarkAssignerOperator(strategy: .monotonousTimestamps(), downstream: recorder.output)
        try assigner.input.record(1, 40)
        try assigner.input.record(2, nil)
        try assigner.onPeriodicEmit(nowMillis: 0)
        #expect(recorder.log == ["record(1, 40)", "record(2, nil)", "watermark(39)"])
    }

    @Test func finishSendsEndOfTimeOnceAndUpstreamEndOfTimeIsForwarded() throws {
        let (assigner, recorder) = makeAssigner()
        try assigner.input.record(Event(id: 1, time: 100), nil)
        try assigner.input.watermark(Watermark(1_000))  // upstream watermarks are ignored
        try assigner.input.streamStatus(.idle)  // and so are upstream statuses
        try assigner.input.watermark(.endOfTime)
        try assigner.finish()
        try assigner.onPeriodicEmit(nowMillis: 0)
        #expect(recorder.log == ["record(1, 100)", "watermark(\(Int64.max))"])
    }

    @Test func idlenessFlipsToIdleAfterTheTimeoutAndBackOnTheNextElement() throws {
        let (assigner, recorder) = makeAssigner(WatermarkStrategy.monotonousTimestamps().withIdleness(millis: 1_000))
        try assigner.input.record(Event(id: 1, time: 10), nil)
        for now in stride(from: Int64(0), through: 800, by: 200) { try assigner.onPeriodicEmit(nowMillis: now) }
        #expect(!assigner.isIdle)  // last activity seen at the tick of 0; 800 < 1000
        try assigner.onPeriodicEmit(nowMillis: 1_000)
        #expect(assigner.isIdle)
        try assigner.onPeriodicEmit(nowMillis: 1_200)  // no second idle
        try assigner.input.record(Event(id: 2, time: 20), nil)
        #expect(!assigner.isIdle)
        try assigner.onPeriodicEmit(nowMillis: 1_400)
        for now in stride(from: Int64(1_600), through: 2_200, by: 200) { try assigner.onPeriodicEmit(nowMillis: now) }
        #expect(!assigner.isIdle)
        try assigner.onPeriodicEmit(nowMillis: 2_400)
        #expect(recorder.log == [
            "record(1, 10)", "watermark(9)", "idle", "active", "record(2, 20)", "watermark(19)", "idle",
        ])
    }

    @Test func anInputWithoutAnyElementTurnsIdleOneTimeoutAfterTheFirstTick() throws {
        let (assigner, recorder) = makeAssigner(WatermarkStrategy.noWatermarks().withIdleness(millis: 500))
        try assigner.onPeriodicEmit(nowMillis: 10_000)
        try assigner.onPeriodicEmit(nowMillis: 10_400)
        #expect(!assigner.isIdle)
        try assigner.onPeriodicEmit(nowMillis: 10_600)
        #expect(assigner.isIdle)
        try assigner.finish()  // end of input while idle: active, then end of time
        #expect(recorder.log == ["idle", "active", "watermark(\(Int64.max))"])
    }

    @Test func elementsBetweenTicksKeepTheInputActive() throws {
        let (assigner, _) = makeAssigner(WatermarkStrategy.monotonousTimestamps().withIdleness(millis: 300))
        for tick in 0..<20 {
            try assigner.input.record(Event(id: tick, time: Int64(tick)), nil)
            try assigner.onPeriodicEmit(nowMillis: Int64(tick) * 200)
            #expect(!assigner.isIdle)
        }
    }
}
