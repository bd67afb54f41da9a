import Foundation

/// The sanitizer settings of this run, which a child's explicit environment would drop.
///
/// The end-to-end tests and the bench give their children a complete environment of their own. Under
/// `scripts/reliability.sh --asan` or `--tsan` those children are sanitized builds too and
/// need the run's options (LeakSanitizer's suppressions, `halt_on_error`), or a known leak in
/// a system library fails them; outside a sanitizer run none of these variables is set.
public enum SanitizerEnvironment {
    public static let names = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"]

    /// Whether this binary is built with a sanitizer (its runtime is linked in), so the
    /// programs under test are too. Not read from `*_OPTIONS`, which any shell may export.
    public static let isSanitizedBuild: Bool = {
        let me = dlopen(nil, RTLD_NOW)
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { name in dlsym(me, name) != nil }
    }()

    /// `environment` plus this process's sanitizer options that it does not set itself.
    ///
    /// In a sanitized run the child also gets `SWIFT_BACKTRACE=enable=no`: Swift's backtracer
    /// cannot work inside an ASan process (its memory server reads the crashed thread's stack,
    /// which ASan reports as an error of its own and exits 1), so the crash tests see only
    /// the program's own crash guard, which is what they test.
    public static func adding(
        to environment: [String: String],
        from inherited: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var result = environment
        for name in names where result[name] == nil {
            if let value = inherited[name] { result[name] = value }
        }
        if isSanitizedBuild { result["SWIFT_BACKTRACE"] = "enable=no" }
        return result
    }

    /// `environment` for a child that runs under `strace`: LeakSanitizer stops the process
    /// with ptrace to look for leaks, which fails ("fatal error", exit 1) in a process that
    /// is already traced, so leak checking is off there; ASan's other checks stay on.
    public static func forTracedChild(
        _ environment: [String: String],
        from inherited: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var result = environment
        if let options = inherited["ASAN_OPTIONS"] ?? (isSanitizedBuild ? "" : nil) {
            result["ASAN_OPTIONS"] = options + (options.isEmpty ? "" : ":") + "detect_leaks=0"
        }
        return result
    }
}
