import EddyCore

/// A list-shaped operator state of one subtask (Flink's `ListState` from an operator state
/// backend): not keyed, the whole list belongs to the subtask. Its mode decides how a restore
/// hands the list out (``OperatorStateMode/split`` or ``OperatorStateMode/union``).
///
/// Thread-safety: confined to the task thread that owns its ``OperatorStateBackend``.
public final class OperatorListState<Element>: RegisteredOperatorState {
    public let name: String
    public let mode: OperatorStateMode
    private var elements: [Element]
    private let serialize: (Element, inout ByteArrayWriter) -> Void

    init<S: Serializer>(name: String, mode: OperatorStateMode, serializer: S, elements: [Element])
    where S.Value == Element {
        precondition(!mode.isMap, "a list state cannot be broadcast")
        self.name = name
        self.mode = mode
        self.elements = elements
        serialize = { serializer.serialize($0, to: &$1) }
    }

    /// The elements in insertion order (restored ones first); empty when there are none.
    /// - Complexity: O(1) (the array is copied on write).
    public func get() -> [Element] { elements }

    /// Appends one element.
    public func add(_ element: Element) { elements.append(element) }

    /// Appends the elements in order.
    public func addAll(_ newElements: [Element]) { elements.append(contentsOf: newElements) }

    /// Replaces the list; an empty array clears it.
    public func update(_ newElements: [Element]) { elements = newElements }

    /// Removes every element.
    public func clear() { elements.removeAll() }

    var count: Int { elements.count }

    func write(to file: inout OperatorStateFileWriter) {
        file.beginState(name: name, mode: mode, count: elements.count)
        // One scratch buffer for all elements: the length prefix needs the size before the bytes.
        var scratch = ByteArrayWriter(reservingCapacity: 64)
        for element in elements {
            scratch.reset()
            serialize(element, &scratch)
            file.addElement(scratch.bytes)
        }
    }
}
