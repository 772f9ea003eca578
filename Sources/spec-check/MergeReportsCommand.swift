import ArgumentParser
import Foundation
import SpecSource

/// `spec-check merge-reports`: one JUnit or SARIF report from the reports of shards (`--shard K/N`).
struct MergeReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-reports",
        abstract: "Merge the JUnit or SARIF reports of sharded runs (--shard K/N) into one.",
        discussion: """
            All files must be of one kind. JUnit: test suites of the same name become one (their tests, failures, \
            errors, skipped and times summed, test cases concatenated in file order); the reports spec-check writes, \
            and others of the same shape, are read. SARIF: runs of the same tool become one run whose rules are the \
            union of the runs' rules (by id) and whose results are concatenated, each result's ruleIndex pointing \
            into the merged rules.
            """)

    @Option(name: .long, help: ArgumentHelp("Write the merged report to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("The reports (JUnit XML or SARIF JSON).", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the reports to merge") }
        // The same report twice (a shard's upload found twice) would count its cases twice.
        var seen = Set<String>()
        for file in files where !seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
            throw ValidationError("\(file) is given twice; each shard's report once")
        }
    }

    func run() throws {
        var texts: [(String, String)] = []
        for file in files {
            do {
                let bytes = try SourceLoader.readFile(file, file: SourceFileID.intern(file))
                texts.append((file, String(decoding: bytes, as: UTF8.self)))
            } catch {
                printError("error: \(error)")
                throw Exit.unreadable
            }
        }
        let merged: String
        do {
            let kinds = Set(texts.map { ReportMerger.kind(of: $0.1) })
            guard kinds.count == 1, let kind = kinds.first, let kind else {
                let unknown = texts.first { ReportMerger.kind(of: $0.1) == nil }
                throw ReportMerger.Failure(
                    message: unknown.map {
                        "\($0.0): neither a JUnit XML nor a SARIF report (--format json writes JSON Lines, which are not merged: "
                            + "concatenate them, or write the shards' reports with --format junit or sarif)"
                    }
                        ?? "the reports are of different kinds (JUnit and SARIF); merge each kind separately")
            }
            merged = kind == .junit ? try ReportMerger.junit(texts) : try ReportMerger.sarif(texts)
        } catch {
            printError("error: \(error)")
            throw Exit.unreadable
        }
        if let output {
            do { try OutputFile.write(merged, to: output) } catch {
                printError("error: \(error)")
                throw Exit.unreadable
            }
        } else {
            StandardStreams.output(merged)
        }
    }
}
