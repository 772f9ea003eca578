import ArgumentParser

/// `--shard K/N`: the part of a run that job K of N checks (CI fan-out).
///
/// A fixture belongs to shard `FNV-1a-64(key) mod N + 1`, where the key is its path as the
/// command names it (relative to the corpus folder for `corpus`; `FILE#INDEX` for a HAR entry).
/// The split depends on nothing but the key and N: the same run in every job agrees on it without
/// talking, each fixture is in exactly one shard, and adding or removing a fixture moves no
/// other (an index-based split would shift every later one).
struct Shard: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    let index: Int
    let count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        guard let shard = try? Self.parse(argument) else { return nil }
        self = shard
    }

    /// Reads `K/N`.
    /// - Throws: `ValidationError` saying what is wrong, for the command line's usage error.
    static func parse(_ argument: String) throws -> Shard {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ValidationError("K/N is two whole numbers, e.g. 2/4")
        }
        guard n >= 1, n <= 1 << 20 else { throw ValidationError("N must be from 1 to \(1 << 20)") }
        guard k >= 1, k <= n else { throw ValidationError("K must be from 1 to N (\(n))") }
        return Shard(index: k, count: n)
    }

    var description: String { "\(index)/\(count)" }

    static let help = ArgumentHelp(
        "Check only part K of N of the fixtures (1 <= K <= N), split by a hash of each path: run N jobs with K = 1…N and merge their reports with merge-reports.",
        valueName: "K/N")

    /// Whether the fixture named `key` is in this shard.
    func contains(_ key: String) -> Bool {
        count == 1 || Self.shard(of: key, count: count) == index
    }

    /// The shard (1-based) `key` belongs to among `count`.
    static func shard(of key: String, count: Int) -> Int {
        Int(fnv1a(key) % UInt64(count)) + 1
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes.
    static func fnv1a(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
