import Testing

@testable import SchemaValidation

/// Focused cases for every built-in `format` checker: strings that must pass and strings that must fail.
@Suite("Format checkers")
struct FormatTests {
    private func check(
        _ format: String, _ valid: [String], _ invalid: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let checker = FormatCheckers.builtin[format] else {
            Issue.record("no checker for \(format)", sourceLocation: sourceLocation)
            return
        }
        for string in valid {
            #expect(checker(string), "\(format) should accept \(String(reflecting: string))", sourceLocation: sourceLocation)
        }
        for string in invalid {
            #expect(!checker(string), "\(format) should reject \(String(reflecting: string))", sourceLocation: sourceLocation)
        }
    }

    @Test func registryHasAllFormats() {
        let expected: Set<String> = [
            "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
            "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid", "json-pointer",
            "relative-json-pointer", "regex", "byte", "binary", "password",
        ]
        #expect(Set(FormatCheckers.builtin.keys) == expected)
    }

    @Test func dateTime() {
        check(
            "date-time",
            [
                "1963-06-19T08:30:06.283185Z", "1963-06-19t08:30:06z", "1937-01-01T12:00:27.87+00:20",
                "1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "2020-02-29T00:00:00Z",
                "1985-04-12T00:59:59.999999999999999Z",
            ],
            [
                "1998-12-31T23:59:61Z", "1998-12-31T23:58:60Z", "1990-02-31T15:59:59Z", "1990-12-31T15:59:59-24:00",
                "1963-06-19T08:30:06+01:00Z", "1990-12-31T24:00:00Z", "1985-04-12T23:20:50+01",
                "1985-04-12T23:20:50Z\n", "1985-04-12 23:20:50Z", "1963-06-19T08:30:06.Z", "2021-02-29T00:00:00Z",
                "1963-06-1\u{9EA}T00:00:00Z", "+11963-06-19T08:30:06Z",
            ])
    }

    @Test func date() {
        check(
            "date",
            ["1963-06-19", "2020-02-29", "0400-02-29", "0001-01-01", "2020-04-30"],
            [
                "2021-02-29", "2100-02-29", "2020-04-31", "2020-13-01", "2020-00-10", "2020-01-00", "2020-1-01",
                "20200101", "2020-01-01T00:00:00Z", " 2020-01-01", "2020-01-01\n", "", "2020\u{2013}01\u{2013}01",
            ])
    }

    @Test func time() {
        check(
            "time",
            ["08:30:06Z", "23:59:60Z", "01:29:60+01:30", "15:59:60-08:00", "23:20:50.52z", "12:34:56-00:00"],
            [
                "12:00:00", "22:59:60Z", "23:59:60+01:00", "24:00:00Z", "00:60:00Z", "01:02:03+24:00",
                "01:02:03Z+00:30", "08:30:06 PST", "8:3:6Z", "08:30:06-8:000", "01:01:01,1111Z",
            ])
    }

    @Test func duration() {
        check(
            "duration",
            ["P4DT12H30M5S", "P4Y", "PT0S", "P0D", "P1M", "PT1M", "PT36H", "P2W", "P1Y2M", "P1M2D", "PT1M2S", "P01D"],
            [
                "PT1D", "P", "P1YT", "PT", "P2D1Y", "P1D2H", "P2S", "P1Y2W", "P1WT1H", "P1Y2D", "PT1H2S", "PT0.5S",
                "-P1D", "P1", "P1D\n", "P\u{9E8}Y",
            ])
    }

    @Test func email() {
        check(
            "email",
            [
                "joe.bloggs@example.com", "te~st@example.com", "\"joe bloggs\"@example.com", "\"joe@bloggs\"@example.com",
                "\"a\\\"b\"@example.com", "joe.bloggs@[127.0.0.1]", "joe.bloggs@[IPv6:::1]", "a@b",
            ],
            [
                "2962", ".test@example.com", "test.@example.com", "te..st@example.com", "joe.bloggs@invalid=domain.com",
                "joe.bloggs@[127.0.0.300]", "@example.com", "joe.bloggs@", "joe bloggs@example.com",
                "a@b@example.com", "δοκιμή@example.com", "user@example.com.", String(repeating: "a", count: 65) + "@x.com",
            ])
    }

    @Test func idnEmail() {
        check(
            "idn-email",
            ["실례@실례.테스트", "δοκιμή@example.com", "\"δοκιμή\"@example.com", "\u{85}@example.com", "user@cafe\u{301}.com"],
            ["2962", "user\u{FF20}example.com", "a b@example.com", "a@-b.com"])
    }

    @Test func hostname() {
        check(
            "hostname",
            [
                "www.example.com", "hostname", "1host", "a--b.com", "ab--cd.example", "xn--9n2bp8q.xn--9t4b11yi5a",
                "xn--4gbwdl.xn--wgbh1c", "XN--ll-0ea", String(repeating: "a", count: 63) + ".com",
            ],
            [
                "", ".", ".example", "example.", "-hostname", "hostname-", "host_name", "example\u{FF0E}com",
                String(repeating: "a", count: 64) + ".com",
                [String](repeating: String(repeating: "a", count: 63), count: 4)
                    .joined(separator: "."),
                "example.com\n", "\u{212A}elvin.example.com", "xn--X", "xn--hello-txk", "xn--al-0ea", "XN--aa---o47jg78q",
            ])
    }

    @Test func idnHostname() {
        check(
            "idn-hostname",
            [
                "실례.테스트", "a\u{3002}b", "a\u{FF0E}b", "a\u{FF61}b", "l\u{B7}l", "\u{3B1}\u{375}\u{3B2}", "\u{5D0}\u{5F3}\u{5D1}",
                "\u{30FB}\u{3041}", "\u{628}\u{660}\u{628}", "\u{915}\u{94D}\u{200D}\u{937}", "\u{628}\u{64A}\u{200C}\u{628}\u{64A}",
                "\u{DF}\u{3C2}\u{F0B}\u{3007}", "xn--ihqwcrb4cv8a8dqg056pqjye",
            ],
            [
                "", "\u{302E}실례.테스트", "-> $1.00 <--", "\u{300}hello", "a\u{B7}l", "\u{3B1}\u{375}S", "A\u{5F3}\u{5D1}",
                "def\u{30FB}abc", "\u{628}\u{660}\u{6F0}", "\u{915}\u{200D}\u{937}", "\u{640}\u{7FA}", "0a.\u{5D0}",
                "a\u{5D0}", "xn--example-", "xn---9uc", "a..b", "example\u{3002}", String(repeating: "ü", count: 60),
                "Ab\u{C9}",
            ])
    }

    @Test func ipv4() {
        check(
            "ipv4",
            ["192.168.0.1", "0.0.0.0", "255.255.255.255", "10.20.30.40"],
            [
                "127.0.0.0.1", "256.256.256.256", "127.0", "127.1", "0x7f000001", "2130706433", "087.10.0.1",
                "192.168.0.1\n", "1\u{9E8}7.0.0.1", "192.168.1.0/24", "192.168..1", "192.168.0.1.", "",
            ])
    }

    @Test func ipv6() {
        check(
            "ipv6",
            [
                "::1", "::", "::abef", "1:d6::42", "d6::", "1:2:3:4:5:6:7:8", "::ffff:192.168.0.1", "1::d6:192.168.0.1",
                "1000:1000:1000:1000:1000:1000:255.255.255.255", "FE80::A",
            ],
            [
                "12345::", "::abcef", "1:1:1:1:1:1:1:1:1", ":2:3:4:5:6:7:8", "1:2:3:4:5:6:7:", "1::d6::42",
                "1:2:3:4:5:::8", "1:2:3:4:5:6:7", "127.0.0.1", "1:2:3:4:1.2.3", "fe80::/64", "fe80::a%eth1", "[::1]",
                "::ffff:192.168.0.01", "1::2:192.168.256.1", " ::1", "100:100:100:100:100:100:100:255.255.255.255",
            ])
    }

    @Test func uri() {
        check(
            "uri",
            [
                "http://foo.bar/?baz=qux#quux", "http://foo.com/blah_(wikipedia)_blah#cite-1",
                "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com", "ldap://[2001:db8::7]/c=GB?objectClass?one",
                "mailto:John.Doe@example.com", "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
                "http://[v1.fe]/", "http://999.999.999.999/", "file:///etc/hosts", "a:",
            ],
            [
                "//foo.bar/?baz=qux#quux", "/abc", "abc", "http:// shouldfail.com", "bar,baz:foo", "https://[@example.org/x",
                "https://example.org/foobar\u{AE}.txt", "https://example.org/foo\\bar", "http://example.com/%6G",
                "http://example.com/%", "1http://example.com", "http://example.com:abc/path", "http://[::ffff:01.2.3.4]",
                "http:/[::1]", "http://a#b#c", "http://a@b@c/",
            ])
    }

    /// Every ASCII byte in each component of a `uri`, against RFC 3986's character sets written
    /// out here (the scanner reads them from one table of byte classes).
    @Test func uriComponentCharacters() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        let subDelims = "!$&'()*+,;="
        let pchar = unreserved + subDelims + ":@"
        let regName = unreserved + subDelims
        for value in UInt8(0)..<128 where value != UInt8(ascii: "%") {
            let c = String(UnicodeScalar(value))
            // After `?` and `#` the rest is a query or fragment, which accepts "b" either way.
            let path = pchar.contains(c) || "/?#".contains(c)
            let query = pchar.contains(c) || "/?#".contains(c)
            let fragment = pchar.contains(c) || "/?".contains(c)
            // In the host, `/`, `?` and `#` end the authority; `@` makes "a" the userinfo.
            let host = regName.contains(c) || "/?#@".contains(c)
            let cases = [("http://h/a\(c)b", path), ("http://h/?a\(c)b", query), ("http://h/#a\(c)b", fragment), ("http://a\(c)b/", host)]
            for (uri, valid) in cases {
                #expect(URIFormats.isURI(uri) == valid, "\(String(reflecting: uri)) should be \(valid ? "valid" : "invalid")")
            }
        }
    }

    @Test func uriReference() {
        check(
            "uri-reference",
            [
                "http://foo.bar/?baz=qux#quux", "//foo.bar/?baz=qux#quux", "/abc", "abc", "#fragment", "", "?q=1", "//",
                "./this:that",
            ],
            [
                "\\\\WINDOWS\\fileshare", "#frag\\ment", "/foobar\u{AE}.txt", "/%zz", "/a\"b", "/[::1]", "1:b",
                "//a@b@example.com/",
            ])
    }

    @Test func iri() {
        check(
            "iri",
            [
                "http://ƒøø.ßår/?∂éœ=πîx#πîüx", "http://[2001:db8::1]", "urn:example:resource",
                "http://ƒøø.ßår/?q=\u{F0000}",
            ],
            [
                "http://2001:0db8:85a3:0000:0000:8a2e:0370:7334", "/abc", "âππ", "http://ƒøø.ßår/\n",
                "http://ƒøø.ßår/\u{F0000}", "http://a/\u{FFFE}",
            ])
        check("iri-reference", ["//ƒøø.ßår/?∂éœ=πîx#πîüx", "/âππ", "âππ", "#ƒrägmênt"], ["#ƒräg\\mênt", "\\\\WINDOWS"])
    }

    @Test func uriTemplate() {
        check(
            "uri-template",
            [
                "http://example.com/dictionary/{term:1}/{term}", "", "{+var}", "{#var}", "{.var}", "{/var}", "{;x,y}",
                "{?x,y}", "{&var*}", "{a.b}", "{%41}", "{v:9999}", "a%41b", "a'b", "a\u{1F600}b",
            ],
            [
                "{term", "{}", "{a,,b}", "{v:0}", "{v:10000}", "{v:01}", "foo}bar", "a b", "a\u{7F}b", "{a..b}", "{a,}",
                "{var=def}", "{,+var}", "{=var}", "%zz",
            ])
    }

    @Test func uuid() {
        check(
            "uuid",
            ["2EB8AA08-AA98-11EA-B4AA-73B441D16380", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "00000000-0000-0000-0000-000000000000"],
            [
                "2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4ga-73b441d16380",
                "urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2eb8aa0-8aa98-11e-ab4aa7-3b441d16380",
            ])
    }

    @Test func jsonPointers() {
        check(
            "json-pointer", ["", "/", "/foo/bar~0/baz~1/%a", "/foo//bar", "/ ", "/\u{1F60E}"],
            ["/foo/bar~", "#", "#/", "a", "/~2", "/~-1", "/~~"])
        check(
            "relative-json-pointer", ["0", "1", "0/foo/bar", "2/0/baz/1/zip", "0#", "120/foo/bar", "0//"],
            ["/foo/bar", "-1/foo/bar", "+1/foo/bar", "\u{661}/foo", "0##", "01/a", "01#", "", "1#/foo", "1\n"])
    }

    @Test func regexFormat() {
        check(
            "regex", ["([abc])+\\s+$", "(?<name>x)\\k<name>", "(?<=a+)b", "[]", "[^]", "\\cA", "\\u{1F600}"],
            ["^(abc]", "\\a", "(?P<name>x)", "(?i)abc", "(?#comment)a", "a{", "\\p{NotAProperty}"])
    }

    @Test func openAPIFormats() {
        check(
            "byte", ["", "U3dhZ2dlciByb2Nrcw==", "YQ==", "YWI=", "YWJj", "+/+/"],
            ["U3dhZ2dlciByb2Nrcw=", "YQ", "Y===", "YQ==YQ==", "YW=j", "YWJj\n", "YW-j"])
        check("binary", ["", "anything \u{0} at all"], [])
        check("password", ["", "hunter2"], [])
    }
}
