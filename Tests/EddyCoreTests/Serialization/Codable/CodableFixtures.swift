import EddyCore

/// Codable types shared by the binary coder tests.
enum Color: String, Codable, Equatable { case red, green, blue }
enum Level: Int, Codable, Equatable { case low = 1, high = 2 }

struct Point: Codable, Equatable {
    var x: Int32
    var y: Double
}

/// Exercises every container kind the synthesized conformances use.
struct Order: Codable, Equatable {
    var id: UInt64
    var name: String
    var tags: [String]
    var note: String?
    var points: [Point]
    var nested: [[Int?]]
    var maybePoint: Point?
    var color: Color
    var level: Level?
    var flags: [Bool]
    var scores: [String: Int]
    var doubleOptional: Int??
    var small: Int8
    var medium: UInt16
    var ratio: Float

    static let sample = Order(
        id: .max, name: "ordér 日本", tags: ["a", "", "ccc"], note: nil,
        points: [Point(x: .min, y: -0.5), Point(x: 7, y: .infinity)],
        nested: [[], [1, nil, .min], [nil]], maybePoint: Point(x: 3, y: 4), color: .green,
        level: .high, flags: [true, false], scores: ["x": 1, "y": -2, "zz": .max],
        doubleOptional: .some(.none), small: -128, medium: 65535, ratio: 1.25)

    static let sparse = Order(
        id: 0, name: "", tags: [], note: "n", points: [], nested: [], maybePoint: nil,
        color: .red, level: nil, flags: [], scores: [:], doubleOptional: nil, small: 0,
        medium: 0, ratio: 0)
}

/// Recursive through an array, for the depth limit.
struct Tree: Codable, Equatable {
    var children: [Tree]
}

/// Fills a nested container after a later field, which Codable allows.
struct OutOfOrder: Codable, Equatable {
    var list: [Int16]
    var after: Int16

    enum CodingKeys: CodingKey { case list, after }

    init(list: [Int16], after: Int16) {
        self.list = list
        self.after = after
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var nested = container.nestedUnkeyedContainer(forKey: .list)
        try container.encode(after, forKey: .after)
        for item in list { try nested.encode(item) }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var nested = try container.nestedUnkeyedContainer(forKey: .list)
        var list: [Int16] = []
        while !nested.isAtEnd { list.append(try nested.decode(Int16.self)) }
        self.list = list
        after = try container.decode(Int16.self, forKey: .after)
    }
}

/// Hand-written optional through a single-value container.
struct ManualOptional: Codable, Equatable {
    var value: Int32?

    init(value: Int32?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Int32.self)
    }
}

class Animal: Codable {
    var legs: Int
    init(legs: Int) { self.legs = legs }
}

final class Dog: Animal, @unchecked Sendable {
    var name: String
    enum CodingKeys: CodingKey { case name }

    init(name: String, legs: Int) {
        self.name = name
        super.init(legs: legs)
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try super.encode(to: container.superEncoder())
    }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        try super.init(from: container.superDecoder())
    }
}

enum Shape: Codable, Equatable {
    case circle(radius: Double)
    case square(side: Double)
}
