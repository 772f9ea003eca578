import BigInt
import Testing

@testable import SpecSource

// `JSONNumber.compare` orders small decimals by scaling their `Int64` significands to a common
// exponent and falls back to `BigInt` arithmetic otherwise. These tests check every pair of a set
// of numbers that straddles that boundary (the `Int64` limits, exponents 18 and 19 apart, huge and
// tiny exponents) against an independent order computed here with `BigInt` alone.

private let literals = [
    "0", "-0.0", "1", "-1", "0.5", "-0.5", "0.05", "19.99", "20", "20.0", "1.999", "-19.99", "3.14159",
    "1e-30", "-1e-30", "1e30", "1.5e18", "1.5e19", "0.1", "0.10000000000000000001", "1e-18", "1e-19",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "0.9223372036854775807", "0.9223372036854775808", "-0.9223372036854775808", "922337203685477580.7",
    "92233720368547758.07", "123456789012345678901234567890.5", "1e-400", "-1e400", "2.5e-5", "25e-6",
]

private func parsed(_ text: String) throws -> JSONNumber {
    let value = try JSONReader.parse(Array(text.utf8), file: SourceFileID.intern("order.json"), limits: LoadLimits())
    return try #require(value.numberValue)
}

/// The order of `a` and `b` from their exact parts, with no shortcut: both scaled in `BigInt`.
private func referenceOrder(_ a: JSONNumber, _ b: JSONNumber) -> Int {
    let (sa, ea) = a.decimalParts
    let (sb, eb) = b.decimalParts
    let e = min(ea, eb)
    let x = sa * BigInt(10).power(ea - e)
    let y = sb * BigInt(10).power(eb - e)
    return x == y ? 0 : (x < y ? -1 : 1)
}

@Test func compareMatchesExactOrderForEveryPair() throws {
    let numbers = try literals.map(parsed)
    for (i, a) in numbers.enumerated() {
        for (j, b) in numbers.enumerated() {
            let order = JSONNumber.compare(a, b)
            #expect(order == referenceOrder(a, b), "\(literals[i]) vs \(literals[j])")
            #expect(order == -JSONNumber.compare(b, a), "\(literals[i]) vs \(literals[j]) is not antisymmetric")
            #expect((order == 0) == (a == b), "\(literals[i]) vs \(literals[j]) disagrees with ==")
        }
    }
}

@Test func compareOfDecimalsBuiltInCode() throws {
    // Built through `init(significand:exponent:)`, not the reader, with significands on both sides
    // of the `Int64` range.
    let numbers = [
        JSONNumber(significand: BigInt(Int64.max), exponent: -1),
        JSONNumber(significand: BigInt(Int64.min), exponent: -1),
        JSONNumber(significand: BigInt(Int64.min) + 1, exponent: -1),
        JSONNumber(significand: BigInt(Int64.max) + 2, exponent: -1),
        JSONNumber(significand: 7, exponent: -1),
        JSONNumber(significand: -7, exponent: -20),
        JSONNumber(significand: 3, exponent: -19),
        JSONNumber(Int64.max),
        JSONNumber(Int64.min),
    ]
    for a in numbers {
        for b in numbers {
            #expect(JSONNumber.compare(a, b) == referenceOrder(a, b), "\(a) vs \(b)")
        }
    }
}

@Test func compareSmallDecimalsExamples() throws {
    #expect(try parsed("19.99") < parsed("20"))
    #expect(try parsed("0.5") > parsed("-1"))
    #expect(try JSONNumber.compare(parsed("2.5e-5"), parsed("25e-6")) == 0)
    // 10^19 does not fit in Int64: the general path decides.
    #expect(try parsed("1e-19") < parsed("1"))
    #expect(try parsed("0.9223372036854775808") > parsed("0.9223372036854775807"))
}
