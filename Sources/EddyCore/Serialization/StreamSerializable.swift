/// A type that knows how it crosses an exchange or enters state: streams of it need no serializer
/// argument. Built-in types conform; a Codable user type conforms by declaring it (the binary
/// Codable bridge is the default), or by giving a hand-written serializer for speed.
public protocol StreamSerializable {
    associatedtype StreamSerializer: Serializer where StreamSerializer.Value == Self
    static var streamSerializer: StreamSerializer { get }
}

extension StreamSerializable where Self: Codable {
    public static var streamSerializer: CodableSerializer<Self> { CodableSerializer<Self>() }
}

extension Int: StreamSerializable { public static var streamSerializer: IntegerSerializer<Int> { .init() } }
extension Int64: StreamSerializable { public static var streamSerializer: IntegerSerializer<Int64> { .init() } }
extension Int32: StreamSerializable { public static var streamSerializer: IntegerSerializer<Int32> { .init() } }
extension UInt64: StreamSerializable { public static var streamSerializer: IntegerSerializer<UInt64> { .init() } }
extension UInt32: StreamSerializable { public static var streamSerializer: IntegerSerializer<UInt32> { .init() } }
extension Double: StreamSerializable { public static var streamSerializer: DoubleSerializer { .init() } }
extension Float: StreamSerializable { public static var streamSerializer: FloatSerializer { .init() } }
extension Bool: StreamSerializable { public static var streamSerializer: BoolSerializer { .init() } }
extension String: StreamSerializable { public static var streamSerializer: StringSerializer { .init() } }

extension Array: StreamSerializable where Element: StreamSerializable {
    public static var streamSerializer: ArraySerializer<Element.StreamSerializer> { ArraySerializer(Element.streamSerializer) }
}

extension Optional: StreamSerializable where Wrapped: StreamSerializable {
    public static var streamSerializer: OptionalSerializer<Wrapped.StreamSerializer> { OptionalSerializer(Wrapped.streamSerializer) }
}
