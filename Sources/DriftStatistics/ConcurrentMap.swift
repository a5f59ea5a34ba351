import Dispatch

/// Maps `items` on all cores, keeping the order: one task per item, results in input order.
///
/// Plumbing between Driftwatch's modules (features compared in parallel, window shares read in
/// parallel, kernel blocks built in parallel), not part of the statistics API.
///
/// ```swift
/// let reports = concurrentMap(pairs) { compareFeatures(reference: $0.0, production: $0.1, options: options) }
/// ```
///
/// - Parameters:
///   - items: The inputs.
///   - transform: A pure function of one item.
/// - Returns: `items.map(transform)`, computed in parallel.
/// - Complexity: O(n) calls of `transform`, spread over the available cores.
package func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @Sendable (Item) -> Result
) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [Result?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        let slots = SharedBuffer(buffer)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.buffer[index] = transform(items[index])
        }
    }
    return results.compactMap { $0 }
}

/// Lets concurrent iterations write disjoint parts of one buffer: the one `@unchecked Sendable`
/// of the package. Sound only while each iteration writes slots no other iteration touches
/// and the buffer outlives the iterations (`concurrentPerform` returns after all of them).
package struct SharedBuffer<Element>: @unchecked Sendable {
    /// The buffer, valid for the duration of the parallel loop.
    package let buffer: UnsafeMutableBufferPointer<Element>

    /// Wraps `buffer` for a parallel loop.
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    /// A read-only view of a buffer that concurrent iterations only read.
    package init(reading buffer: UnsafeBufferPointer<Element>) {
        self.buffer = UnsafeMutableBufferPointer(mutating: buffer)
    }
}
