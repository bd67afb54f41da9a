/// How the browser writes numbers, shared with the benchmark that reads them off the screen.
public enum NumberText {
    /// `1234567` as `1,234,567`: counts in tabs and positions are read at a glance.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }
}
