import Testing

@testable import TidingsApp

/// How `o` decides between the reader's browser, xdg-open and copying the link.
@Suite("Link opener")
struct LinkOpenerTests {
    private static let link = "https://news.example.org/2019/05/port-reopens/"

    private static func opener(_ environment: [String: String], programs: Set<String> = []) -> LinkOpener {
        LinkOpener(environment: environment.merging(["PATH": "/usr/local/bin:/usr/bin"]) { old, _ in old }) {
            programs.contains($0)
        }
    }

    @Test("$BROWSER wins, even over SSH without a display; the link is one argument, never a shell word")
    func browserVariable() {
        let plan = Self.opener(
            ["BROWSER": "w3m", "SSH_CONNECTION": "10.0.0.1 22 10.0.0.2 22"], programs: ["/usr/bin/w3m"]
        )
        .plan(for: Self.link + "?q=a;rm -rf ~")
        #expect(plan == .run(["w3m", Self.link + "?q=a;rm -rf ~"]))
    }

    @Test("$BROWSER may list commands with :, and place the link with %s")
    func browserList() {
        let opener = Self.opener(["BROWSER": "firefox:chromium --new-window=%s"], programs: ["/usr/bin/chromium"])
        #expect(opener.plan(for: Self.link) == .run(["chromium", "--new-window=" + Self.link]))
        let none = Self.opener(["BROWSER": "firefox"]).plan(for: Self.link)
        #expect(none == .copy(reason: "no program of $BROWSER was found"))
        let absolute = Self.opener(["BROWSER": "/opt/record-url"], programs: ["/opt/record-url"]).plan(for: Self.link)
        #expect(absolute == .run(["/opt/record-url", Self.link]))
    }

    @Test("without $BROWSER: xdg-open with a display, else the link is copied")
    func display() {
        #expect(
            Self.opener(["DISPLAY": ":0"], programs: ["/usr/bin/xdg-open"]).plan(for: Self.link)
                == .run(["xdg-open", Self.link]))
        #expect(
            Self.opener(["WAYLAND_DISPLAY": "wayland-0"], programs: ["/usr/bin/xdg-open"]).plan(for: Self.link)
                == .run(["xdg-open", Self.link]))
        #expect(
            Self.opener(["SSH_CONNECTION": "x", "DISPLAY": ""], programs: ["/usr/bin/xdg-open"]).plan(for: Self.link)
                == .copy(reason: "no display here"))
        #expect(Self.opener(["DISPLAY": ":0"]).plan(for: Self.link) == .copy(reason: "no xdg-open here"))
    }

    @Test("only http and https links are opened")
    func schemes() {
        let opener = Self.opener(["BROWSER": "w3m"], programs: ["/usr/bin/w3m"])
        for link in ["file:///etc/passwd", "javascript:alert(1)", "mailto:a@b.c", "https://", "ftp://example.org/"] {
            #expect(opener.plan(for: link) == .refuse(reason: "not a web link, so not opened"), "\(link)")
        }
        #expect(opener.plan(for: "HTTP://Example.org/") == .run(["w3m", "HTTP://Example.org/"]))
    }
}
