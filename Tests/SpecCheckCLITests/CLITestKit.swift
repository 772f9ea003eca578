import Foundation
import Testing

/// Runs the built `spec-check` binary.
enum CLI {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$SPEC_CHECK_BIN`, else `<repo>/.build/debug/spec-check`.
    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["SPEC_CHECK_BIN"], !bin.isEmpty { return bin }
        return repositoryRoot.appendingPathComponent(".build/debug/spec-check").path
    }

    struct Outcome: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    static let timeout: TimeInterval = 60

    /// Runs `spec-check args` in `directory` (the repository root by default); kills it after 60 s.
    /// `standardOutput`/`standardError`, when given, replace the captured streams (which then read
    /// as empty), e.g. `/dev/full` or a pipe nobody reads; `standardInput` replaces the empty input.
    /// With `unprivileged`, a run as root drops to `nobody` first (see ``canRunUnprivileged``), so
    /// that file permissions apply.
    static func run(
        _ args: [String], in directory: URL = repositoryRoot, standardOutput: FileHandle? = nil, standardError: FileHandle? = nil,
        standardInput: FileHandle? = nil, unprivileged: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let binary = Self.binary
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "spec-check binary not found at \(binary); build it or set SPEC_CHECK_BIN", sourceLocation: sourceLocation)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try #require(
            FileManager.default.createFile(atPath: outURL.path, contents: nil), "cannot create \(outURL.path)",
            sourceLocation: sourceLocation)
        try #require(
            FileManager.default.createFile(atPath: errURL.path, contents: nil), "cannot create \(errURL.path)",
            sourceLocation: sourceLocation)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        if unprivileged && geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + args
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = args
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = standardOutput ?? out
        process.standardError = standardError ?? err
        process.standardInput = standardInput ?? FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 1)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outcome = Outcome(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            timedOut: timedOut)
        #expect(
            !timedOut, "spec-check \(args.joined(separator: " ")) did not finish within \(Int(timeout)) s", sourceLocation: sourceLocation)
        return outcome
    }

    /// Runs `executable` with `arguments` (in `directory`, when given), standard output discarded;
    /// its exit status and what it wrote to standard error.
    static func runTool(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (
        status: Int32, standardError: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    static let setpriv = "/usr/bin/setpriv"

    /// Whether a run can be made without the power to read every file: not root, or root with
    /// `setpriv` to become `nobody` (uid 65534).
    static var canRunUnprivileged: Bool {
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv)
    }

    static let spec = "specs/openrouter-videos.yaml"
    static let overlay = "specs/openrouter-videos.overlay.yaml"

    /// `validate --spec <seed> --overlay <seed overlay>` followed by `args`.
    static func validate(_ args: [String], overlay: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try run(["validate", "--spec", spec] + (overlay ? ["--overlay", Self.overlay] : []) + args, sourceLocation: sourceLocation)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-cli-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `dir`; returns the file's path.
    static func write(_ name: String, _ text: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Instance files (`.json`, `.yaml`, `.yml`, `.jsonl`) below `relative`, excluding corpus manifests.
    static func instanceFiles(under relative: String) -> [String] {
        let root = repositoryRoot.appendingPathComponent(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            guard name != "spec-check.yaml", !name.hasPrefix(".") else { continue }
            if [".json", ".yaml", ".yml", ".jsonl", ".ndjson"].contains(where: { name.lowercased().hasSuffix($0) }) {
                files.append(relative + "/" + path)
            }
        }
        return files.sorted()
    }

    /// How many entries the `.har` files below `relative` hold in all (`log.entries`).
    static func harEntryCount(under relative: String) throws -> Int {
        let root = repositoryRoot.appendingPathComponent(relative)
        var count = 0
        for case let path as String in FileManager.default.enumerator(atPath: root.path)?.allObjects ?? []
        where path.lowercased().hasSuffix(".har") {
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let entries = (object?["log"] as? [String: Any])?["entries"] as? [Any]
            count += try #require(entries, "\(path) has no log.entries").count
        }
        return count
    }

    /// Contents and modification dates of every regular file below `relatives`, for before/after comparisons.
    static func snapshot(_ relatives: [String]) throws -> [String: (Data, Date?)] {
        var result: [String: (Data, Date?)] = [:]
        for relative in relatives {
            let url = repositoryRoot.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            let paths: [String]
            if isDirectory.boolValue {
                paths = (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).map {
                    url.appendingPathComponent($0).path
                }
            } else {
                paths = [url.path]
            }
            for path in paths {
                var dir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue else { continue }
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                result[path] = (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as? Date)
            }
        }
        return result
    }
}
