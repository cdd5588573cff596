/// Which nodes run together in one task: the chains of the logical graph (Flink's
/// `StreamingJobGraphGenerator`). An edge chains when it is a forward edge of the main output
/// between nodes of equal parallelism, its target has no other input, and neither side forbids it.
struct ChainPlan {
    let parallelism: [Int: Int]
    /// Edges after defaults are applied (an implicit forward edge between different parallelism
    /// becomes a rebalance).
    let edges: [Int: [LogicalEdge]]
    /// Chain head of every node.
    let head: [Int: Int]
    /// Chain members in topological order (head first), per head.
    let members: [Int: [Int]]
    /// Outgoing edges per node, as (target, edge).
    let outgoing: [Int: [(target: Int, edge: LogicalEdge)]]

    init(nodes: [LogicalNode], defaultParallelism: Int) throws {
        var parallelism: [Int: Int] = [:]
        for node in nodes { parallelism[node.id] = node.parallelism ?? defaultParallelism }
        var edges: [Int: [LogicalEdge]] = [:]
        var outgoing: [Int: [(target: Int, edge: LogicalEdge)]] = [:]
        for node in nodes {
            edges[node.id] = try node.inputs.map { edge in
                var edge = edge
                let from = parallelism[edge.source]!, to = parallelism[node.id]!
                if edge.partitioning == .forward && from != to {
                    guard !edge.explicitPartitioning else {
                        throw JobGraphError("forward edge from node \(edge.source) (parallelism \(from)) to '\(node.name)' (parallelism \(to)): forward needs equal parallelism")
                    }
                    edge.partitioning = .rebalance
                }
                outgoing[edge.source, default: []].append((node.id, edge))
                return edge
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        func chains(_ edge: LogicalEdge, into node: LogicalNode) -> Bool {
            guard let source = byID[edge.source] else { return false }
            return edge.partitioning == .forward && edge.sideOutputTag == nil
                && parallelism[edge.source] == parallelism[node.id] && node.inputs.count == 1
                && node.chaining == .always && source.chaining != .never && node.makeOperator != nil
        }
        // Nodes are created by the API in topological order (inputs before consumers).
        var head: [Int: Int] = [:]
        var members: [Int: [Int]] = [:]
        for node in nodes.sorted(by: { $0.id < $1.id }) {
            if let edge = edges[node.id]!.first, chains(edge, into: node), let upstreamHead = head[edge.source] {
                head[node.id] = upstreamHead
                members[upstreamHead]!.append(node.id)
            } else {
                head[node.id] = node.id
                members[node.id] = [node.id]
            }
        }
        self.parallelism = parallelism
        self.edges = edges
        self.head = head
        self.members = members
        self.outgoing = outgoing
    }

    /// Whether `edge` into `target` is inside a chain.
    func isChained(_ edge: LogicalEdge, into target: Int) -> Bool {
        head[target] == head[edge.source] && head[target] != target
    }
}

/// A job graph that cannot be deployed as built.
public struct JobGraphError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "job graph: \(message)" }
}
