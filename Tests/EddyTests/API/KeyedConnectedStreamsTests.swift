import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

@Suite struct KeyedConnectedStreamsTests {
    typealias Customer = KeyedValue<Int64, String>  // customer id, name
    typealias Order = KeyedValue<Int64, Int64>  // customer id, order number

    static let name = ValueStateDescriptor(name: "name", serializer: String.streamSerializer)
    static let pending = ValueStateDescriptor(name: "pending", serializer: [Int64].streamSerializer)

    /// Enriches orders with their customer's name: input 1 stores the name under the customer's key,
    /// input 2 reads it. Orders that come first wait in state, so the result does not depend on
    /// which input arrives first. Shared by all subtasks: it keeps nothing but state.
    final class Enrich: KeyedCoProcessFunction {
        func processElement1(_ customer: Customer, context: KeyedCoProcessContext<Int64, String>) throws {
            precondition(context.currentKey == customer.key)
            try context.state(KeyedConnectedStreamsTests.name).update(customer.value)
            let pending = try context.state(KeyedConnectedStreamsTests.pending)
            for order in try pending.value() ?? [] { try context.collect("\(order)->\(customer.value)@\(context.subtaskIndex)") }
            try pending.clear()
        }

        func processElement2(_ order: Order, context: KeyedCoProcessContext<Int64, String>) throws {
            precondition(context.currentKey == order.key)
            if let name = try context.state(KeyedConnectedStreamsTests.name).value() {
                try context.collect("\(order.value)->\(name)@\(context.subtaskIndex)")
            } else {
                let pending = try context.state(KeyedConnectedStreamsTests.pending)
                try pending.update((try pending.value() ?? []) + [order.value])
            }
        }
    }

    /// The same join, one instance per subtask, with its state handles fetched once in `open`.
    final class EnrichWithHandles: KeyedCoProcessFunction {
        var name: ValueStateHandle<VoidNamespace, String>!
        var pending: ValueStateHandle<VoidNamespace, [Int64]>!

        func open(context: KeyedCoProcessContext<Int64, String>) throws {
            name = try context.state(KeyedConnectedStreamsTests.name)
            pending = try context.state(KeyedConnectedStreamsTests.pending)
        }

        func processElement1(_ customer: Customer, context: KeyedCoProcessContext<Int64, String>) throws {
            try name.update(customer.value)
            for order in try pending.value() ?? [] { try context.collect("\(order)->\(customer.value)@\(context.subtaskIndex)") }
            try pending.clear()
        }

        func processElement2(_ order: Order, context: KeyedCoProcessContext<Int64, String>) throws {
            if let name = try name.value() {
                try context.collect("\(order.value)->\(name)@\(context.subtaskIndex)")
            } else {
                try pending.update((try pending.value() ?? []) + [order.value])
            }
        }
    }

    @Test(arguments: [(StateBackendKind.heap, 1, false), (.heap, 2, false), (.heap, 3, true), (.rocksdb, 2, true)])
    func bothInputsShareTheStateOfTheirKey(_ backend: StateBackendKind, _ parallelism: Int, _ perSubtask: Bool) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        environment.stateBackend = backend
        let customers = (Int64(0)..<200).map { Customer(key: $0, value: "c\($0)") }
        let orders = (Int64(0)..<3000).map { Order(key: ($0 * 7919) % 200, value: $0) }
        let connected = environment.fromCollection(customers, name: "customers", parallelism: 2).keyBy(\.key)
            .connect(environment.fromCollection(orders, name: "orders", parallelism: 2).keyBy(\.key))
        let joined = perSubtask ? connected.process(perSubtask: { _ in EnrichWithHandles() }) : connected.process(Enrich())
        let result = Collected<String>()
        joined.collect(into: result)
        try environment.execute("keyed-join")

        // Every order once, with its customer's name.
        var subtaskOfCustomer: [String: String] = [:]
        var joinedOrders: [String] = []
        for line in result.values {
            let parts = line.split(separator: "@")
            let join = String(parts[0]), subtask = String(parts[1])
            joinedOrders.append(join)
            let customer = String(join.split(separator: ">")[1])
            if let seen = subtaskOfCustomer[customer] { #expect(seen == subtask, "a key's state lives in one subtask") }
            subtaskOfCustomer[customer] = subtask
        }
        #expect(joinedOrders.sorted() == orders.map { "\($0.value)->c\($0.key)" }.sorted())
        #expect(Set(subtaskOfCustomer.values).count == parallelism)
    }
}
