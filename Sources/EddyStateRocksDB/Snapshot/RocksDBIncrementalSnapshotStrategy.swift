import EddyState
import Foundation

/// The `.checkpoint` snapshot (Flink's `RocksIncrementalSnapshotStrategy`).
///
/// Synchronous part (task thread): a native RocksDB checkpoint into a temporary directory under
/// the working directory; with the WAL off it must force a memtable flush (`log_size_for_flush 0`),
/// then SST files are hard links, so the part costs the flush plus ~1–2 ms.
///
/// Asynchronous part (any thread): every SST file already uploaded by this backend is referred to
/// by its existing handle; new ones are copied to `shared/<filePrefix>-<incarnation>-<sst name>`
/// (shared, reference-counted by the registry; the incarnation — random per database instance —
/// keeps two databases' `000012.sst` apart, since file numbers restart in a new database). MANIFEST,
/// CURRENT and OPTIONS go to `chk-<id>/<filePrefix>/` (exclusive). The temporary directory goes
/// afterwards, whatever happens.
///
/// Thread-safety: the asynchronous part touches only its directory, the storage and the tracker.
struct RocksDBIncrementalSnapshotStrategy {
    let db: RocksDB
    let workingDirectory: String
    let filePrefix: String
    let incarnation: String
    let tracker: RocksDBUploadTracker
    let handleTemplate: KeyedStateHandle

    func snapshot(checkpointID: Int64, location: CheckpointStorageLocation) throws -> SnapshotInProgress {
        let started = DispatchTime.now().uptimeNanoseconds
        // A random suffix from the system generator, not Foundation's UUID: the name is made inside
        // the timed synchronous part, and a UUID's first use costs milliseconds there.
        let directory = workingDirectory + "/checkpoint-\(checkpointID)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        do { try db.createCheckpoint(at: directory) } catch let error as RocksDBError {
            try? FileManager.default.removeItem(atPath: directory)
            throw StateError(.backend, "RocksDB checkpoint \(checkpointID) failed", path: error.path, underlying: error)
        }
        let synchronous = DispatchTime.now().uptimeNanoseconds - started
        let (tracker, prefix, incarnation, template) = (self.tracker, filePrefix, self.incarnation, handleTemplate)
        return SnapshotInProgress(checkpointID: checkpointID, synchronousNanoseconds: synchronous) {
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let storage = location.storage
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
                throw StateError(.io, "cannot list the RocksDB checkpoint", path: directory, underlying: error)
            }
            let reusable = tracker.reusable()
            var files: [StateFileHandle] = []
            var sstFiles: [String: StateFileHandle] = [:]
            var newBytes: Int64 = 0
            for name in names {
                let local = directory + "/" + name
                if name.hasSuffix(".sst") {
                    if let existing = reusable[name] {
                        files.append(existing)
                        sstFiles[name] = existing
                        continue
                    }
                    var handle = try storage.copyIn(
                        localFile: local, to: CheckpointStorageLocation.sharedDirectory + "/\(prefix)-\(incarnation)-\(name)")
                    handle.localName = name
                    newBytes += handle.size
                    files.append(handle)
                    sstFiles[name] = handle
                } else {
                    var handle = try storage.copyIn(localFile: local, to: location.exclusiveDirectory + "/\(prefix)/\(name)")
                    handle.localName = name
                    newBytes += handle.size
                    files.append(handle)
                }
            }
            tracker.record(checkpointID, files: sstFiles)
            var result = template
            result.files = files
            result.newBytes = newBytes
            return result
        }
    }
}
