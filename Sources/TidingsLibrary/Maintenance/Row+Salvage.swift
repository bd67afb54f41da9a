import GRDB

extension Row {
    /// The value of `column` as `Value`, or nil when it is NULL, missing or of another type.
    ///
    /// For reading a damaged file: flipped bytes can leave a number where the schema says text,
    /// and GRDB's subscript stops the process on a value it cannot convert. What a damaged
    /// file holds is reported or skipped, never trapped on.
    func salvaged<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) -> Value? {
        guard let value = try? decode(Value?.self, forColumn: column) else { return nil }
        return value
    }
}
