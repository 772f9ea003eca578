/// Parameter names that usually carry a credential (`api_key`, `access_token`, `sig`,
/// `X-Amz-Signature`, `clientSecret`, `session_secret`), whose values reports never print even
/// when the contract does not declare them as an API key: a declared parameter's schema errors
/// then name the keyword without the value, and recorded URLs show `REDACTED`.
///
/// A name matches when it is one of the words below, or when its last word is one, words being
/// split at `_`, `-`, `.`, spaces and lower-to-upper case changes and compared without case:
/// `token`, `key`, `apikey`, `password`, `passwd`, `pwd`, `secret`, `signature`, `sig`, `auth`,
/// `authorization`, `credential`, `credentials`, `jwt`, `session`, `sessionid`. So
/// `refresh_token`, `X-Amz-Credential` and `apiKey` match; `limit`, `keyword` and `author` do
/// not. Redacting a harmless value costs a report some detail; printing a secret cannot be undone,
/// so the list errs on the side of matching.
public enum CredentialLikeName {
    /// The words, lower case.
    static let words: Set<String> = [
        "token", "key", "apikey", "password", "passwd", "pwd", "secret", "signature", "sig", "auth", "authorization",
        "credential", "credentials", "jwt", "session", "sessionid",
    ]

    /// Whether `name` (decoded) looks like it names a credential.
    public static func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if words.contains(lowered) { return true }
        // The last word: after the last separator or lower-to-upper case change.
        var last = ""
        var previousIsLower = false
        for scalar in name.unicodeScalars {
            if "_-. ".unicodeScalars.contains(scalar) {
                last = ""
                previousIsLower = false
                continue
            }
            let isUpper = scalar.properties.isUppercase
            if isUpper && previousIsLower { last = "" }
            last.unicodeScalars.append(scalar)
            previousIsLower = scalar.properties.isLowercase
        }
        return words.contains(last.lowercased())
    }
}
