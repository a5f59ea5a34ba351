/// The median of the values `distances[i · n + j]` for `i < j` (the strict upper triangle of a
/// row-major `n × n` matrix of non-negative doubles), by a radix select on the bit patterns
/// (for non-negative doubles, their order): a histogram of the top 16 bits, which the caller
/// fills while writing the matrix, one pass collecting the median's bucket, then histograms of
/// the next 16 bits of what was collected until a few thousand values are left to sort.
/// numpy's convention: for an even count, the mean of the two middle values.
///
/// - Complexity: O(n²) with two passes over the triangle (one of them the caller's); memory
///   O(size of the median's bucket).
struct PairwiseMedian {
    /// Counts of the strict-upper-triangle values by their top 16 bits.
    var histogram = [Int](repeating: 0, count: 1 << 16)
    /// The number of values counted.
    var count = 0

    /// Counts one value (the kernel's hot loop updates ``histogram`` through a buffer instead).
    mutating func add(_ value: Double) {
        histogram[Int(truncatingIfNeeded: value.bitPattern &>> 48)] += 1
        count += 1
    }

    /// The value at 0-based ascending rank `rank` (`< count`) of the triangle.
    func value(atRank rank: Int, order n: Int, upper distances: UnsafeBufferPointer<Double>) -> Double {
        let (bucket, rankInBucket) = Self.locate(rank, in: histogram)
        let top = UInt64(bucket)
        var members: [Double] = []
        members.reserveCapacity(histogram[bucket])
        for i in 0..<n {
            var j = i + 1
            while j < n {
                let value = distances[i * n + j]
                if value.bitPattern &>> 48 == top { members.append(value) }
                j += 1
            }
        }
        return Self.select(rankInBucket, in: members, shift: 32)
    }

    /// The value at `rank` of `values`, all of which agree on the bits above `shift + 16`.
    static func select(_ rank: Int, in values: [Double], shift: Int) -> Double {
        if values.count <= 4_096 || shift < 0 {
            return values.sorted()[rank]
        }
        var counts = [Int](repeating: 0, count: 1 << 16)
        for value in values { counts[Int(truncatingIfNeeded: (value.bitPattern &>> UInt64(shift)) & 0xFFFF)] += 1 }
        let (bucket, rankInBucket) = locate(rank, in: counts)
        let wanted = UInt64(bucket)
        let members = values.filter { ($0.bitPattern &>> UInt64(shift)) & 0xFFFF == wanted }
        return select(rankInBucket, in: members, shift: shift - 16)
    }

    /// The bucket holding `rank` and the rank within it.
    static func locate(_ rank: Int, in counts: [Int]) -> (bucket: Int, rank: Int) {
        var below = 0
        for bucket in counts.indices {
            if below + counts[bucket] > rank { return (bucket, rank - below) }
            below += counts[bucket]
        }
        return (counts.count - 1, 0)
    }
}
