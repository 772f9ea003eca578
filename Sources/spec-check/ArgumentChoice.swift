import ArgumentParser

/// An option value that is one word of a fixed list (`--format json`, `--color never`).
///
/// ArgumentParser's defaults for a `CaseIterable` string enum list its words through a key path
/// (`\.rawValue.defaultValueDescription`) and string interpolation. Their first use instantiates
/// the key path and looks up the conformances interpolation asks for, each lookup a scan of every
/// conformance record of the static binary, and ArgumentParser builds the lists on every run,
/// for parsing as well as for help. These give the same words, read straight from `rawValue`.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    static var allValueDescriptions: [String: String] { [:] }
    var defaultValueDescription: String { rawValue }
}
