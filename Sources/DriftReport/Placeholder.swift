import DriftStatistics
import DriftTables
enum DriftReportPlaceholder {}
