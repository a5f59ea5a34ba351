/// The median of many non-negative doubles (the pairwise squared distances of the MMD test)
/// by a radix select on their bit patterns (for non-negative doubles, their order): a
/// histogram of the top 16 bits, which the caller fills while writing the values, one pass of
/// the caller's collecting the median's bucket, then histograms of the next 16 bits of what
/// was collected until a few thousand values are left to sort.
///
/// - Complexity: two passes over the values (both the caller's); memory O(size of the
///   median's bucket).
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

    /// The value at 0-based ascending rank `rank` (`< count`) of the counted values;
    /// `collect(top)` must return every counted value whose top 16 bits are `top`.
    func value(atRank rank: Int, collect: (UInt64) -> [Double]) -> Double {
        let (bucket, rankInBucket) = Self.locate(rank, in: histogram)
        return Self.select(rankInBucket, in: collect(UInt64(bucket)), shift: 32)
    }

    /// The median (numpy's: the mean of the two middle values for an even count) of the
    /// square roots of the counted values, 0 when nothing was counted.
    /// The two middle ranks usually share a bucket, which is then collected once.
    func medianOfSquareRoots(collect: (UInt64) -> [Double]) -> Double {
        guard count > 0 else { return 0 }
        let lowRank = (count - 1) / 2
        let (lowBucket, lowInBucket) = Self.locate(lowRank, in: histogram)
        let lowMembers = collect(UInt64(lowBucket))
        let low = Self.select(lowInBucket, in: lowMembers, shift: 32).squareRoot()
        guard count % 2 == 0 else { return low }
        let (highBucket, highInBucket) = Self.locate(lowRank + 1, in: histogram)
        let highMembers = highBucket == lowBucket ? lowMembers : collect(UInt64(highBucket))
        return (low + Self.select(highInBucket, in: highMembers, shift: 32).squareRoot()) / 2
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
