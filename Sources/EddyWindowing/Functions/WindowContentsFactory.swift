import EddyCore
import EddyState

/// Makes a window operator's ``WindowContents`` once the keyed backend's concrete type is known
/// (the API opens the backend to it), so the contents' state handles run specialized code.
public protocol WindowContentsFactory<Contents> {
    associatedtype Contents: WindowContents
    func make<B: KeyedStateBackend, WS: Serializer>(backend: B, windowSerializer: WS) throws -> Contents
    where WS.Value == Contents.W
}

/// Contents reduced as elements arrive.
public struct ReducingContentsFactory<S: Serializer, W: Window>: WindowContentsFactory {
    public let serializer: S
    public let reduce: (S.Value, S.Value) throws -> S.Value
    public init(serializer: S, reduce: @escaping (S.Value, S.Value) throws -> S.Value) {
        self.serializer = serializer
        self.reduce = reduce
    }
    @inlinable
    public func make<B: KeyedStateBackend, WS: Serializer>(
        backend: B, windowSerializer: WS
    ) throws -> ReducingWindowContents<S.Value, W> where WS.Value == W {
        try ReducingWindowContents(backend: backend, windowSerializer: windowSerializer, valueSerializer: serializer, reduce: reduce)
    }
}

/// Contents aggregated as elements arrive.
public struct AggregatingContentsFactory<F: AggregateFunction, AS: Serializer, W: Window>: WindowContentsFactory
where AS.Value == F.Accumulator {
    public let function: F
    public let accumulatorSerializer: AS
    public init(function: F, accumulatorSerializer: AS) {
        self.function = function
        self.accumulatorSerializer = accumulatorSerializer
    }
    @inlinable
    public func make<B: KeyedStateBackend, WS: Serializer>(
        backend: B, windowSerializer: WS
    ) throws -> AggregatingWindowContents<F, W> where WS.Value == W {
        try AggregatingWindowContents(
            backend: backend, windowSerializer: windowSerializer, accumulatorSerializer: accumulatorSerializer, function: function)
    }
}

/// Contents kept element by element.
public struct ListContentsFactory<S: Serializer, W: Window>: WindowContentsFactory {
    public let serializer: S
    public init(serializer: S) { self.serializer = serializer }
    @inlinable
    public func make<B: KeyedStateBackend, WS: Serializer>(
        backend: B, windowSerializer: WS
    ) throws -> ListWindowContents<S.Value, W> where WS.Value == W {
        try ListWindowContents(backend: backend, windowSerializer: windowSerializer, elementSerializer: serializer)
    }
}

/// Contents kept element by element with timestamps, for an evictor.
public struct EvictingContentsFactory<S: Serializer, E: Evictor>: WindowContentsFactory where S.Value == E.Element {
    public let serializer: S
    public let evictor: E
    public init(serializer: S, evictor: E) {
        self.serializer = serializer
        self.evictor = evictor
    }
    @inlinable
    public func make<B: KeyedStateBackend, WS: Serializer>(
        backend: B, windowSerializer: WS
    ) throws -> EvictingWindowContents<E> where WS.Value == E.W {
        try EvictingWindowContents(backend: backend, windowSerializer: windowSerializer, elementSerializer: serializer, evictor: evictor)
    }
}
