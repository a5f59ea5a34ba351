import GRDB

/// The profile database's schema, built by versioned migrations.
///
/// A migration, once shipped, is never edited: later schema changes are new migrations
/// appended in ``migrator`` (`"v2-history"` adds the hourly job's run-history table, which the
/// job reads and writes through DriftMonitor's `RunHistory` and which can reference `profile.id` or `model.id`; `"v3-multivariate"` adds the multivariate references, `"v4-run-version"` the version of the
/// build that recorded each run). A database that records a migration this build does
/// not know was written by a newer Driftwatch and is refused, untouched.
///
/// Tables of `"v1-profiles"`:
///
/// - `model(id, name UNIQUE, active_version)`: one row per model; `(id, active_version)` is a
///   foreign key to `profile(model_id, version)` checked at commit, so a model always has an
///   existing active profile. Activation is a single `UPDATE` of `active_version`.
/// - `profile(id, model_id, version, created_at, source_*, content_hash, settings…,
///   feature_count)`: one immutable row per written profile, `UNIQUE(model_id, version)`.
///   `created_at` is seconds since 2001-01-01 00:00:00 UTC (Foundation's reference date,
///   `datetime(created_at + 978307200, 'unixepoch')` in SQL), so a `Date` round-trips
///   bit-exactly; `seed` is the `UInt64` seed's bit pattern as a signed integer;
///   `categorical_columns` is a sorted JSON array of strings.
/// - `feature(id, profile_id, position, name, kind, …)`: one row per feature, positions
///   `0 ..< feature_count`, `UNIQUE(profile_id, position)` and `UNIQUE(profile_id, name)`; the
///   sorted sample, PSI edges and PSI reference counts are ``ArrayBlob`` BLOBs.
/// - `category(feature_id, category, count)`: category frequencies of categorical features.
///
/// Every double is kept in a column declared **without a type** (BLOB affinity) and checked with
/// `typeof(...) = 'real'`: SQLite stores integral values of a `REAL` column as integers and
/// reads them back as `+0.0` for `-0.0`, which would break bit-exact round trips.
/// `profile`, `feature` and `category` rows cannot be updated (triggers abort), so an old
/// profile is never rewritten in place.
///
/// `"v3-multivariate"` adds `profile_multivariate` (see ``createMultivariateTable(_:)``): per
/// profile its multivariate build settings and either its multivariate reference (sample,
/// encoding, PCA model) or why it has none; immutable too.
///
/// ```swift
/// let migrator = ProfileSchema.migrator
/// try migrator.migrate(pool)
/// ```
enum ProfileSchema {
    /// `PRAGMA application_id` of a Driftwatch profile database: `0x44575046`, the ASCII bytes
    /// `DWPF` ("Driftwatch profiles"), stored big-endian at offset 68 of the file header.
    static let applicationID: Int32 = 0x4457_5046

    /// The identifier of the first migration.
    static let v1Profiles = "v1-profiles"

    /// The identifier of the run-history migration.
    static let v2History = "v2-history"

    /// The identifier of the multivariate-reference migration.
    static let v3Multivariate = "v3-multivariate"

    /// The identifier of the migration that records which Driftwatch version produced a run.
    static let v4RunVersion = "v4-run-version"

    /// The identifier of the migration that keeps each run's production row count in a column.
    static let v5RunRows = "v5-run-rows"

    /// Every migration this build knows, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1Profiles, migrate: createProfileTables)
        migrator.registerMigration(v2History, migrate: createHistoryTable)
        migrator.registerMigration(v3Multivariate, migrate: createMultivariateTable)
        migrator.registerMigration(v4RunVersion, migrate: addRunVersion)
        migrator.registerMigration(v5RunRows, migrate: addRunRows)
        return migrator
    }

    /// The `"v3-multivariate"` migration: `profile_multivariate`, one row per profile written
    /// since (profiles written before have none and read back without a multivariate
    /// reference), immutable like the other profile tables.
    ///
    /// Columns: the build settings (`enabled`, `sample_cap`, `max_categories`,
    /// `variance_fraction`); `problem`, why there is no reference (NULL when there is one, or
    /// for a profile written without either); and the reference, all NULL or all set:
    ///
    /// - `feature_names`, `feature_kinds` (`"numeric"`/`"categorical"`): JSON arrays, one entry
    ///   per feature in sample order; `categories`: a JSON array with, per feature, `null` or
    ///   the encoding's kept categories in order.
    /// - `sample_rows`, `complete_rows`, `dropped_rows`: the sample's counts.
    /// - `numeric_sample`: a Float64 ``ArrayBlob`` of the numeric features' sample columns one
    ///   after the other (column-major, `sample_rows` values each); `categorical_sample`: a JSON
    ///   array of the categorical features' label arrays.
    /// - `means`, `scales`: Float64 BLOBs, one value per encoded column (the standardization);
    ///   `component_count` and `components` (`k × d`, row-major Float64 BLOB);
    ///   `explained_variance_ratio` (`d` values).
    ///
    /// - Parameter db: The connection, inside the migration's transaction.
    /// - Throws: The SQLite error of a failed statement.
    static func createMultivariateTable(_ db: Database) throws {
        let referenceColumns = [
            "feature_names", "feature_kinds", "categories", "sample_rows", "complete_rows", "dropped_rows",
            "numeric_sample", "categorical_sample", "means", "scales", "component_count", "components",
            "explained_variance_ratio",
        ]
        let nullCount = referenceColumns.map { "(\($0) IS NULL)" }.joined(separator: " + ")
        try db.execute(
            sql: """
                CREATE TABLE profile_multivariate (
                    profile_id INTEGER PRIMARY KEY REFERENCES profile (id),
                    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
                    sample_cap INTEGER NOT NULL CHECK (sample_cap >= 1),
                    max_categories INTEGER NOT NULL CHECK (max_categories >= 1),
                    variance_fraction NOT NULL CHECK (typeof(variance_fraction) = 'real'),
                    problem TEXT,
                    feature_names TEXT CHECK (feature_names IS NULL OR
                        (json_valid(feature_names) AND json_type(feature_names) = 'array')),
                    feature_kinds TEXT CHECK (feature_kinds IS NULL OR
                        (json_valid(feature_kinds) AND json_type(feature_kinds) = 'array')),
                    categories TEXT CHECK (categories IS NULL OR
                        (json_valid(categories) AND json_type(categories) = 'array')),
                    sample_rows INTEGER CHECK (sample_rows >= 0),
                    complete_rows INTEGER CHECK (complete_rows >= sample_rows),
                    dropped_rows INTEGER CHECK (dropped_rows >= 0),
                    numeric_sample BLOB CHECK (numeric_sample IS NULL OR typeof(numeric_sample) = 'blob'),
                    categorical_sample TEXT CHECK (categorical_sample IS NULL OR
                        (json_valid(categorical_sample) AND json_type(categorical_sample) = 'array')),
                    means BLOB CHECK (means IS NULL OR typeof(means) = 'blob'),
                    scales BLOB CHECK (scales IS NULL OR typeof(scales) = 'blob'),
                    component_count INTEGER CHECK (component_count >= 1),
                    components BLOB CHECK (components IS NULL OR typeof(components) = 'blob'),
                    explained_variance_ratio BLOB
                        CHECK (explained_variance_ratio IS NULL OR typeof(explained_variance_ratio) = 'blob'),
                    CHECK (\(nullCount) IN (0, \(referenceColumns.count))),
                    CHECK (problem IS NULL OR feature_names IS NULL)
                );
                CREATE TRIGGER profile_multivariate_is_immutable BEFORE UPDATE ON profile_multivariate
                BEGIN SELECT RAISE(ABORT, 'stored profiles are immutable'); END;
                """)
    }

    /// The `"v4-run-version"` migration: `check_run.driftwatch_version`, the version of the
    /// build that recorded the run (NULL for runs recorded before it existed), so a history
    /// row says which build produced it.
    ///
    /// - Parameter db: The connection, inside the migration's transaction.
    /// - Throws: The SQLite error of a failed statement.
    static func addRunVersion(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE check_run ADD COLUMN driftwatch_version TEXT")
    }

    /// The `"v5-run-rows"` migration: `check_run.production_rows`, the window's row count of a
    /// successful run (the job's volume baseline reads it), filled for the runs recorded before
    /// from their result JSON; and an index on `(model, window_end)` for the baseline's query.
    ///
    /// - Parameter db: The connection, inside the migration's transaction.
    /// - Throws: The SQLite error of a failed statement.
    static func addRunRows(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE check_run ADD COLUMN production_rows INTEGER;
                UPDATE check_run SET production_rows = json_extract(result, '$.production_rows')
                    WHERE result IS NOT NULL AND json_type(result, '$.production_rows') = 'integer';
                CREATE INDEX check_run_model_window ON check_run (model, window_end);
                """)
    }

    /// The `"v2-history"` migration: `check_run`, one row per run of the hourly job, written
    /// before anything is sent so an outage of the Pushgateway or Alertmanager loses nothing.
    /// `result` is the run's JSON (per-feature results); `metrics_delivered` and
    /// `alerts_delivered` are updated after delivery (NULL: not attempted).
    ///
    /// - Parameter db: The connection, inside the migration's transaction.
    /// - Throws: The SQLite error of a failed statement.
    static func createHistoryTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE check_run (
                    id INTEGER PRIMARY KEY,
                    model TEXT NOT NULL,
                    profile_version INTEGER,
                    started_at REAL NOT NULL,
                    window_start REAL,
                    window_end REAL,
                    status TEXT NOT NULL CHECK (status IN ('success', 'failure')),
                    error TEXT,
                    features_checked INTEGER NOT NULL DEFAULT 0,
                    features_drifted INTEGER NOT NULL DEFAULT 0,
                    drifted TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(drifted)),
                    result TEXT CHECK (result IS NULL OR json_valid(result)),
                    metrics_delivered INTEGER CHECK (metrics_delivered IN (0, 1)),
                    alerts_delivered INTEGER CHECK (alerts_delivered IN (0, 1)),
                    delivery_error TEXT
                );
                CREATE INDEX check_run_model_started ON check_run (model, started_at);
                """)
    }

    /// The `"v1-profiles"` migration: application id, the four tables and the immutability
    /// triggers, in the migrator's single transaction.
    ///
    /// - Parameter db: The connection, inside the migration's transaction.
    /// - Throws: The SQLite error of a failed statement.
    static func createProfileTables(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(
            sql: """
                CREATE TABLE model (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    active_version INTEGER NOT NULL,
                    FOREIGN KEY (id, active_version) REFERENCES profile (model_id, version)
                        DEFERRABLE INITIALLY DEFERRED
                );
                CREATE TABLE profile (
                    id INTEGER PRIMARY KEY,
                    model_id INTEGER NOT NULL REFERENCES model (id),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    created_at NOT NULL CHECK (typeof(created_at) = 'real'),
                    source_description TEXT NOT NULL,
                    source_row_count INTEGER NOT NULL CHECK (source_row_count >= 0),
                    content_hash TEXT NOT NULL,
                    sample_cap INTEGER NOT NULL,
                    psi_bins INTEGER NOT NULL,
                    category_cap INTEGER NOT NULL,
                    seed INTEGER NOT NULL,
                    categorical_columns TEXT NOT NULL
                        CHECK (json_valid(categorical_columns) AND json_type(categorical_columns) = 'array'),
                    feature_count INTEGER NOT NULL CHECK (feature_count >= 0),
                    UNIQUE (model_id, version)
                );
                CREATE TABLE feature (
                    id INTEGER PRIMARY KEY,
                    profile_id INTEGER NOT NULL REFERENCES profile (id),
                    position INTEGER NOT NULL CHECK (position >= 0),
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('numeric', 'categorical')),
                    row_count INTEGER NOT NULL CHECK (row_count >= 0),
                    missing_empty INTEGER NOT NULL CHECK (missing_empty >= 0),
                    missing_nan INTEGER NOT NULL CHECK (missing_nan >= 0),
                    missing_infinite INTEGER NOT NULL CHECK (missing_infinite >= 0),
                    summary_count INTEGER NOT NULL CHECK (summary_count >= 0),
                    summary_mean NOT NULL CHECK (typeof(summary_mean) = 'real'),
                    summary_m2 NOT NULL CHECK (typeof(summary_m2) = 'real'),
                    summary_min NOT NULL CHECK (typeof(summary_min) = 'real'),
                    summary_max NOT NULL CHECK (typeof(summary_max) = 'real'),
                    summary_non_finite INTEGER NOT NULL CHECK (summary_non_finite >= 0),
                    sample BLOB NOT NULL CHECK (typeof(sample) = 'blob'),
                    sample_is_exact INTEGER NOT NULL CHECK (sample_is_exact IN (0, 1)),
                    psi_edges BLOB CHECK (psi_edges IS NULL OR typeof(psi_edges) = 'blob'),
                    psi_counts BLOB CHECK (psi_counts IS NULL OR typeof(psi_counts) = 'blob'),
                    CHECK ((psi_edges IS NULL) = (psi_counts IS NULL)),
                    UNIQUE (profile_id, position),
                    UNIQUE (profile_id, name)
                );
                CREATE TABLE category (
                    feature_id INTEGER NOT NULL REFERENCES feature (id),
                    category TEXT NOT NULL,
                    count INTEGER NOT NULL CHECK (count >= 0),
                    PRIMARY KEY (feature_id, category)
                ) WITHOUT ROWID;
                CREATE TRIGGER profile_is_immutable BEFORE UPDATE ON profile
                BEGIN SELECT RAISE(ABORT, 'stored profiles are immutable'); END;
                CREATE TRIGGER feature_is_immutable BEFORE UPDATE ON feature
                BEGIN SELECT RAISE(ABORT, 'stored profiles are immutable'); END;
                CREATE TRIGGER category_is_immutable BEFORE UPDATE ON category
                BEGIN SELECT RAISE(ABORT, 'stored profiles are immutable'); END;
                """)
    }
}
