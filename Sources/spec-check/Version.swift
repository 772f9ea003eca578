/// The package version: the one place it is written. `spec-check --version` prints it; the
/// README's `.package(url:from:)` line and release tags follow it.
let specCheckVersion = "0.1.0"
