import Eddy
import EddyCore
import EddyRuntime
import EddyState
import Foundation
import Testing

@Suite struct BroadcastStateTests {
    typealias Rule = KeyedValue<String, Int64>  // item, threshold (negative: remove the rule)
    typealias Event = KeyedValue<String, Int64>  // item, amount

    static let thresholds = MapStateDescriptor(
        name: "thresholds", keySerializer: String.streamSerializer, valueSerializer: Int64.streamSerializer)

    /// Alerts on events above their item's threshold; items without a rule never alert.
    final class ThresholdAlerts: BroadcastProcessFunction {
        let rulesApplied = SharedCount()
        let eventsProcessed = SharedCount()

        func processBroadcastElement(_ rule: Rule, context: BroadcastContext<String>) throws {
            let thresholds = try context.broadcastState(BroadcastStateTests.thresholds)
            if rule.value < 0 { thresholds.remove(rule.key) } else { thresholds.put(rule.key, rule.value) }
            rulesApplied.increment()
        }

        func processElement(_ event: Event, context: ReadOnlyBroadcastContext<String>) throws {
            let thresholds = try context.broadcastState(BroadcastStateTests.thresholds)
            if let threshold = thresholds.get(event.key), event.value > threshold {
                try context.collect("\(event.key)=\(event.value)>\(threshold)")
            }
            eventsProcessed.increment()
        }
    }

    static func alerts(_ events: [Event], _ rules: [String: Int64]) -> [String] {
        events.compactMap { event in
            guard let threshold = rules[event.key], event.value > threshold else { return nil }
            return "\(event.key)=\(event.value)>\(threshold)"
        }
    }

    /// The runtime does not order the two inputs against each other, so the sources take turns:
    /// events of a phase are emitted only once both subtasks applied that phase's rules, and the
    /// next rules only once every event of the phase was processed. Each event thus meets exactly
    /// the rules of its phase, on whichever subtask the rebalance sends it to.
    @Test func everySubtaskAppliesTheLatestRules() throws {
        let environment = StreamExecutionEnvironment()
        environment.bufferTimeoutMillis = 2
        let parallelism = 2
        let function = ThresholdAlerts()
        let rulesApplied = function.rulesApplied, eventsProcessed = function.eventsProcessed
        let items = ["a", "b", "c"]
        let events = (Int64(0)..<300).map { Event(key: items[Int($0) % 3], value: $0) }
        let rules1 = [Rule(key: "a", value: 10), Rule(key: "b", value: 200)]
        let rules2 = [Rule(key: "a", value: 250), Rule(key: "b", value: -1), Rule(key: "c", value: 100)]

        typealias RuleStep = ScriptedSourceReader<Rule>.Step
        typealias EventStep = ScriptedSourceReader<Event>.Step
        let ruleSteps: [RuleStep] = rules1.map { .record($0, nil) }
            + [.wait { eventsProcessed.value >= events.count }]
            + rules2.map { .record($0, nil) }
        let eventSteps: [EventStep] = [.wait { rulesApplied.value >= parallelism * rules1.count }]
            + events.map { .record($0, nil) }
            + [.wait { rulesApplied.value >= parallelism * (rules1.count + rules2.count) }]
            + events.map { .record($0, nil) }

        let ruleStream = environment.scripted("rules", ruleSteps).broadcast(Self.thresholds)
        let result = Collected<String>()
        environment.scripted("events", eventSteps)
            .connect(ruleStream)
            .process(function).name("alerts").setParallelism(parallelism)
            .collect(into: result, parallelism: parallelism)
        try environment.execute("rules")

        let expected = Self.alerts(events, ["a": 10, "b": 200]) + Self.alerts(events, ["a": 250, "c": 100])
        #expect(result.values.sorted() == expected.sorted())
        #expect(Set(result.entries.map(\.subtask)) == Set(0..<parallelism), "both subtasks applied the rules")
        #expect(rulesApplied.value == parallelism * (rules1.count + rules2.count), "every subtask got every rule")
    }

    @Test func elementsBeforeAnyRuleSeeAnEmptyState() throws {
        let environment = StreamExecutionEnvironment()
        let rules = environment.fromCollection([Rule](), name: "rules").broadcast(Self.thresholds)
        let result = Collected<String>()
        environment.fromCollection((Int64(0)..<100).map { Event(key: "a", value: $0) }, parallelism: 2)
            .connect(rules).process(ThresholdAlerts()).setParallelism(2).collect(into: result, parallelism: 2)
        try environment.execute("no-rules")
        #expect(result.values.isEmpty)
    }

    final class UndeclaredState: BroadcastProcessFunction {
        static let other = MapStateDescriptor(
            name: "other", keySerializer: String.streamSerializer, valueSerializer: String.streamSerializer)
        func processBroadcastElement(_ rule: Rule, context: BroadcastContext<String>) throws {
            try context.broadcastState(Self.other).put(rule.key, "x")
        }
        func processElement(_ event: Event, context: ReadOnlyBroadcastContext<String>) throws {}
    }

    @Test func anUndeclaredBroadcastStateFailsTheJob() throws {
        let environment = StreamExecutionEnvironment()
        let rules = environment.fromCollection([Rule(key: "a", value: 1)], name: "rules").broadcast(Self.thresholds)
        environment.fromCollection([Event(key: "a", value: 1)]).connect(rules).process(UndeclaredState())
            .collect(into: Collected<String>())
        let failure = #expect(throws: JobFailure.self) { try environment.execute("undeclared") }
        let stateError = (failure?.error as? UserFunctionError)?.underlying as? StateError
        #expect(stateError?.code == .invalidState)
    }

    @Test func severalStatesOfDifferentTypesCanBeDeclared() throws {
        let names = MapStateDescriptor(name: "names", keySerializer: Int64.streamSerializer, valueSerializer: String.streamSerializer)
        final class Both: BroadcastProcessFunction {
            let names: MapStateDescriptor<IntegerSerializer<Int64>, StringSerializer>
            init(_ names: MapStateDescriptor<IntegerSerializer<Int64>, StringSerializer>) { self.names = names }
            func processBroadcastElement(_ rule: Rule, context: BroadcastContext<String>) throws {
                try context.broadcastState(BroadcastStateTests.thresholds).put(rule.key, rule.value)
                try context.broadcastState(names).put(rule.value, rule.key)
            }
            func processElement(_ event: Event, context: ReadOnlyBroadcastContext<String>) throws {
                let thresholds = try context.broadcastState(BroadcastStateTests.thresholds)
                try context.collect("\(thresholds.entries().count),\(try context.broadcastState(names).isEmpty())")
            }
        }
        let environment = StreamExecutionEnvironment()
        let rules = environment.fromCollection([Rule](), name: "rules").broadcast(Self.thresholds, names)
        let result = Collected<String>()
        environment.fromCollection([Event(key: "a", value: 1)]).connect(rules).process(Both(names)).collect(into: result)
        try environment.execute("two-states")
        #expect(result.values == ["0,true"])
    }
}
