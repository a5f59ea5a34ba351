/// Sorts `values` ascending in place.
///
/// Placeholder implementation (standard library sort); replaced by an LSD radix sort on the
/// order-preserving bit pattern of `Double`.
@inlinable
func sortDoubles(_ values: inout [Double]) {
    values.sort()
}
