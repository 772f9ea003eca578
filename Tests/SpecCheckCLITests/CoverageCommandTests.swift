import Foundation
import Testing

/// `spec-check corpus DIR --coverage`: exit codes of `--min-coverage`, the shipped corpus's
/// coverage, and the HTML page read back from headless Chromium.
@Suite("spec-check corpus --coverage", .serialized)
struct CoverageCommandTests {
    static let small = "Tests/ContractCorpusTests/Resources/coverage-corpus"
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The totals of a JSON report: dimension → [covered, total].
    static func totals(_ json: String) throws -> [String: [Int]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: [String: Any]])
        return totals.mapValues { [($0["covered"] as? Int) ?? -1, ($0["total"] as? Int) ?? -1] }
    }

    @Test func minCoverageExitCodes() throws {
        let reached = try CLI.run(["corpus", Self.small, "--quiet", "--coverage", "--min-coverage", "20"])
        #expect(reached.status == 0, "\(reached)")
        let below = try CLI.run(["corpus", Self.small, "--quiet", "--coverage", "--min-coverage", "50"])
        #expect(below.status == 1, "\(below)")
        #expect(
            below.stderr.contains(
                "error: coverage below 50%: optional properties present 33.3%, required properties missing (negative tests) 40.0%"),
            "\(below)")
        // --min-coverage alone implies --coverage.
        let implied = try CLI.run(["corpus", Self.small, "--quiet", "--min-coverage", "100"])
        #expect(implied.status == 1 && implied.stderr.contains("coverage below 100%: enum values 75.0%, optional"), "\(implied)")
        // So does a coverage format.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let json = try CLI.run(["corpus", Self.small, "--quiet", "--coverage-format", "json", "--coverage-output", file.path])
        #expect(json.status == 0 && !json.stdout.contains("optional-properties"), "\(json)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains(#""optional-properties": {"#))
        // A JSON or HTML report never shares standard output with the run's own lines.
        let mixed = try CLI.run(["corpus", Self.small, "--quiet", "--coverage-format", "json"])
        #expect(mixed.status == 2 && mixed.stderr.contains("--coverage-format json needs --coverage-output FILE"), "\(mixed)")
        let wrong = try CLI.run(["corpus", Self.small, "--min-coverage", "101"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--min-coverage must be a number from 0 to 100"), "\(wrong)")
        // A negative value gets the same message, not "missing value".
        let negative = try CLI.run(["corpus", Self.small, "--min-coverage", "-5"])
        #expect(negative.status == 2 && negative.stderr.contains("--min-coverage must be a number from 0 to 100"), "\(negative)")
        // Without --coverage-format, the output file's extension decides: JSON in a .json file.
        let inferred = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: inferred) }
        let byName = try CLI.run(["corpus", Self.small, "--quiet", "--coverage-output", inferred.path])
        #expect(byName.status == 0, "\(byName)")
        #expect(try String(contentsOf: inferred, encoding: .utf8).hasPrefix("{"))
        // Without coverage options, nothing about coverage is printed.
        let plain = try CLI.run(["corpus", Self.small, "--quiet"])
        #expect(plain.status == 0 && !plain.stdout.contains("coverage"), "\(plain)")
    }

    @Test func theShippedCorpusCoversCreateVideos() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CLI.run([
            "corpus", "Corpus/", "--quiet", "--coverage", "--coverage-format", "json", "--coverage-output", file.path,
        ])
        #expect(outcome.status == 0, "\(outcome)")
        let json = try String(contentsOf: file, encoding: .utf8)
        let totals = try Self.totals(json)
        for dimension in ["operations", "status-codes", "enum-values", "branches", "discriminator-values"] {
            let t = try #require(totals[dimension])
            #expect(t[0] == t[1] && t[1] > 0, "\(dimension): \(t)")
        }
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"))
    func htmlTotalsMatchTheJSONReportInChromium() throws {
        let build = CLI.repositoryRoot.appendingPathComponent(".build")
        let html = build.appendingPathComponent("coverage-report.html")
        let jsonFile = build.appendingPathComponent("coverage-report.json")
        for (format, file) in [("html", html), ("json", jsonFile)] {
            let outcome = try CLI.run([
                "corpus", "Corpus/", "--quiet", "--coverage", "--coverage-format", format, "--coverage-output", file.path,
            ])
            #expect(outcome.status == 0, "\(outcome)")
        }
        let expected = try Self.totals(String(contentsOf: jsonFile, encoding: .utf8))
        let dom = try Self.chromium(["--dump-dom", html.absoluteString])
        // Rows of the summary table, as Chromium rendered them.
        let row = try Regex(
            #"<tr data-dimension="([a-z-]+)" data-covered="(\d+)" data-total="(\d+)" data-percent="([0-9.na/]+)"><th scope="row">[^<]+</th><td>(\d+)</td><td>(\d+)</td>"#
        )
        var rendered: [String: [Int]] = [:]
        for match in dom.matches(of: row) {
            let cells = match.output.map { $0.substring.map(String.init) ?? "" }
            #expect(cells[2] == cells[5] && cells[3] == cells[6], "data attributes and cells agree: \(cells)")
            rendered[cells[1]] = [Int(cells[2])!, Int(cells[3])!]
        }
        #expect(rendered == expected, "DOM totals \(rendered) vs JSON \(expected)")
        #expect(rendered.count == 8)
        #expect(dom.contains("<html lang=\"en\">") && dom.contains("<h1>"))
        // A narrow window: the screenshot is kept under .build/ as a CI artifact.
        let png = build.appendingPathComponent("coverage-report.png")
        try? FileManager.default.removeItem(at: png)
        _ = try Self.chromium(["--screenshot=\(png.path)", "--window-size=480,1400", "--hide-scrollbars", html.absoluteString])
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 1000, "no screenshot at \(png.path)")
    }

    /// Runs headless Chromium with no network and returns its standard output.
    static func chromium(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--proxy-server=127.0.0.1:9", "--user-data-dir=\(profile.path)",
            ] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(args) exited \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}
