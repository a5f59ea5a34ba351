import DriftSources

extension ProductionConfiguration {
    /// The configured production data as a ``ProductionSource``: the `production:` block's
    /// SQLite table or query, read by its timestamp column. ``runCheck(_:windowEnd:window:startedAt:)``
    /// reads every window through it, so another kind of source is another conforming type here.
    ///
    /// ```swift
    /// let production = ProductionConfiguration(sqlite: "/data/prod.db", source: .table("predictions"), timestampColumn: "ts")
    /// production.productionSource.description   // "sqlite:/data/prod.db table=predictions"
    /// ```
    ///
    /// - Complexity: O(1); nothing is opened until the source is read.
    public var productionSource: any ProductionSource {
        SQLiteProductionSource(path: sqlite, source: source, timestampColumn: timestampColumn)
    }
}
