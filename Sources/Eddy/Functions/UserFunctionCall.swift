import EddyRuntime

/// Runs a user function on `record`, turning what it throws into a ``UserFunctionError`` that
/// carries the record, so the job failure names it. An error that already is one comes from a
/// chained operator downstream and keeps that operator's record.
/// - Complexity: no allocation unless `body` throws (`body` does not escape).
@inline(__always)
func callingUserFunction<T>(_ operatorName: String, _ record: T, _ timestamp: Int64?, _ body: () throws -> Void) throws {
    do { try body() } catch let error as UserFunctionError {
        throw error
    } catch {
        throw UserFunctionError(operatorName: operatorName, record: "\(record)", timestamp: timestamp, underlying: error)
    }
}
