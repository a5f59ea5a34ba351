enum DriftTablesPlaceholder {}
