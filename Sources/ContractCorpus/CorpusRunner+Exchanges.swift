import OpenAPIContract
import SchemaValidation
import SpecSource

/// What an exchange group checks against: a loaded contract, an optional fixed operation, options.
struct ExchangeTarget {
    let document: OpenAPIDocument
    let operation: String?
    let options: ExchangeOptions
    let describe: String
}

extension CorpusRunner {
    /// The exchange fixtures and HAR entries of an exchange group.
    func runExchanges(
        _ group: CorpusManifest.Group, against target: ExchangeTarget, _ summary: inout CorpusSummary,
        _ covered: inout Set<String>, record: ((RecordedExchange, OpenAPIContract.OpenAPIOperation?, Bool) -> Void)? = nil,
        _ observe: (CorpusEvent) -> Void
    ) {
        func report(_ result: FixtureResult) {
            summary.count(result)
            observe(.fixture(result))
        }
        for pattern in group.exchanges {
            let matched = fixtures.filter { pattern.glob.matches($0) }
            if matched.isEmpty && reportsManifestFindings { observe(.patternMatchesNothing(pattern.location)) }
            for file in matched {
                covered.insert(file)
                guard includes(file) else { continue }
                let fixture: ExchangeFixture
                do {
                    fixture = try ExchangeFixture(contentsOf: root + file)
                } catch {
                    report(FixtureResult(name: file, expectation: .valid, failure: "cannot be parsed: \(error)"))
                    continue
                }
                report(
                    check(
                        fixture.exchange, name: file, operation: fixture.operation ?? target.operation, fixture.expectation, target, record)
                )
            }
        }
        for har in group.har {
            let matched = fixtures.filter { har.glob.matches($0) }
            if matched.isEmpty && reportsManifestFindings {
                summary.failed += 1
                observe(.missingFixture(har.location, fixture: har.glob.pattern, nearest: nearestFixture(to: har.glob)))
            }
            for file in matched {
                covered.insert(file)
                // Entries are sharded one by one (`FILE#INDEX`, their names), as `har` shards them;
                // every shard reads the archive, and one that cannot be read is the file's shard's.
                let archive: HARArchive
                do {
                    archive = try HARArchive(contentsOf: root + file)
                } catch {
                    if includes(file) { report(FixtureResult(name: file, expectation: .valid, failure: "cannot be parsed: \(error)")) }
                    continue
                }
                for entry in archive.entries {
                    let name = "\(file)#\(entry.index)"
                    guard includes(name) else { continue }
                    guard let expectation = har.entries[entry.index] ?? har.otherEntries else {
                        report(
                            FixtureResult(
                                name: name, expectation: .valid,
                                failure: "the manifest gives this entry no expectation (list its index, or \"*\")"))
                        continue
                    }
                    switch entry.exchange {
                    case .failure(let error):
                        report(FixtureResult(name: name, expectation: expectation, failure: expectation.check(unreadable: error)))
                    case .success where expectation.unparseable:
                        report(FixtureResult(name: name, expectation: expectation, failure: expectation.check(errors: [])))
                    case .success(let exchange):
                        report(check(exchange, name: name, operation: target.operation, expectation, target, record))
                    }
                }
                for index in har.entries.keys.sorted() where index >= archive.entries.count {
                    report(
                        FixtureResult(
                            name: "\(file)#\(index)", expectation: har.entries[index]!,
                            failure:
                                "listed entry does not exist (the file has \(archive.entries.count) entr\(archive.entries.count == 1 ? "y" : "ies"))"
                        ))
                }
            }
        }
    }

    /// Checks one exchange against its expectation (errors and, when the expectation lists them,
    /// warnings).
    private func check(
        _ exchange: RecordedExchange, name: String, operation: String?, _ expectation: CorpusExpectation,
        _ target: ExchangeTarget, _ record: ((RecordedExchange, OpenAPIContract.OpenAPIOperation?, Bool) -> Void)?
    ) -> FixtureResult {
        var result = FixtureResult(name: name, expectation: expectation)
        do {
            let checked = try exchange.check(against: target.document, operation: operation, options: target.options)
            record?(exchange, checked.operation, expectation.valid)
            result.errors = checked.errors
            result.warnings = checked.warnings
            result.unchecked = checked.unchecked
            result.failure = expectation.check(errors: checked.errors, warnings: checked.warnings)
        } catch {
            result.failure = "cannot be checked: \(error)"
            result.notChecked = true
        }
        return result
    }
}
