/// Views of a value's children for a walk that reads a tree without copying it.
///
/// Passing a `JSONValue` held in an array or an object's members to a function copies it, and a
/// copy retains the array, object or string it holds (and releases it after): an atomic
/// read-modify-write of the child's storage per visit. The validator visits every node of every
/// instance, so it walks ``UnsafePointer``s to the values instead, which these views hand out
/// without any retain. The pointers are valid only while the tree they point into is alive and
/// not mutated; the validator holds the root for the whole walk and never changes it.
extension JSONValue {
    /// The members of an object, in source order; `nil` when the value is not an object.
    @inlinable
    package var borrowedMembers: UnsafeBufferPointer<JSONObject.Member>? {
        guard case .object(let object) = kind else { return nil }
        return object.members.withUnsafeBufferPointer { $0 }
    }

    /// `body` applied to the string the value holds, read in place (``stringValue`` returns a
    /// copy, which retains a long string's storage); `nil` when the value is not a string.
    @inlinable
    package func withBorrowedString<R>(_ body: (String) -> R) -> R? {
        guard case .string(let string) = kind else { return nil }
        return body(string)
    }

    /// The elements of an array; `nil` when the value is not an array.
    @inlinable
    package var borrowedElements: UnsafeBufferPointer<JSONValue>? {
        guard case .array(let elements) = kind else { return nil }
        return elements.withUnsafeBufferPointer { $0 }
    }
}

extension UnsafeBufferPointer where Element == JSONObject.Member {
    /// The value of the member at `i` (which must be a valid index), in place.
    @inlinable
    package func value(at i: Int) -> UnsafePointer<JSONValue> {
        UnsafeRawPointer(baseAddress! + i)
            .advanced(by: MemoryLayout<JSONObject.Member>.offset(of: \JSONObject.Member.value)!)
            .assumingMemoryBound(to: JSONValue.self)
    }
}

extension UnsafeBufferPointer where Element == JSONValue {
    /// The element at `i` (which must be a valid index), in place.
    @inlinable
    package func element(at i: Int) -> UnsafePointer<JSONValue> { baseAddress! + i }
}
