import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

extension SlicingWindowOperator: CheckpointedOperator {
    /// Writes the slices changed since the last completed checkpoint as new shared files and
    /// refers to the files of earlier checkpoints for the others (incremental), plus a progress
    /// file naming them all. Spilled partials are in the keyed backend, which checkpoints itself.
    ///
    /// The synchronous part serializes the changed slices (O(their entries)); the returned
    /// snapshot writes the files.
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let started = ContinuousClock.now
        var files: [StateFileHandle] = []
        var writes: [(path: String, bytes: [UInt8])] = []
        var written: [(slice: Int64, version: UInt64, file: StateFileHandle)] = []
        var entries: [SlicingSnapshotFormat.Progress.Entry] = []
        for index in sliceOrder {
            guard let slice = slices[index] else { continue }
            let file: StateFileHandle
            if let committed = slice.committed, committed.version == slice.version {
                file = committed.file
            } else {
                let bytes = try serialize(slice)
                let path = "\(CheckpointStorageLocation.sharedDirectory)/\(request.operatorID)-\(request.subtaskIndex)-slice\(index)-chk\(request.checkpointID)"
                file = StateFileHandle(path: path, size: Int64(bytes.count), checksum: CRC32C.checksum(bytes), shared: true)
                writes.append((path, bytes))
                written.append((index, slice.version, file))
            }
            files.append(file)
            entries.append(.init(index: index, spilled: slice.spilled, file: files.count))
        }
        let progress = SlicingSnapshotFormat.encodeProgress(.init(
            layout: layout, maxParallelism: backend.maxParallelism, firedUpTo: firedUpTo, slices: entries))
        pendingCheckpoints[request.checkpointID] = written
        let storage = request.location.storage
        let progressPath = "\(request.location.exclusiveDirectory)/\(request.operatorID)-\(request.subtaskIndex)-\(SlicingSnapshotNames.slices)"
        let range = backend.keyGroupRange
        let (sliceWrites, sliceFiles) = (writes, files)
        return PendingSnapshot(synchronousNanoseconds: elapsedNanoseconds(since: started)) {
            for write in sliceWrites { _ = try storage.write(write.bytes, to: write.path) }
            let progressFile = try storage.write(progress, to: progressPath)
            return OperatorSubtaskState(rawKeyedState: [
                RawKeyedStateHandle(name: SlicingSnapshotNames.slices, keyGroupRange: range, files: [progressFile] + sliceFiles)
            ])
        }
    }

    /// The files of checkpoint `checkpointID` become the ones later checkpoints refer to.
    /// Earlier checkpoints still pending are subsumed: their files are not adopted.
    public func notifyCheckpointComplete(_ checkpointID: Int64) throws {
        for entry in pendingCheckpoints[checkpointID] ?? [] {
            guard let slice = slices[entry.slice], (slice.committed?.version ?? 0) < entry.version else { continue }
            slice.committed = (entry.file, entry.version)
        }
        pendingCheckpoints = pendingCheckpoints.filter { $0.key > checkpointID }
    }

    public func notifyCheckpointAborted(_ checkpointID: Int64) { pendingCheckpoints[checkpointID] = nil }

    private func serialize(_ slice: Slice<Partials>) throws -> [UInt8] {
        var entries: [(UInt64, [UInt8])] = []
        entries.reserveCapacity(slice.partials.count)
        var scratch = ByteArrayWriter(reservingCapacity: 16)
        try slice.partials.forEach { bits, accumulator in
            scratch.reset()
            writeAccumulator(accumulator, &scratch)
            entries.append((bits, scratch.bytes))
        }
        return SlicingSnapshotFormat.encodeSlice(index: slice.index, entries: entries)
    }
}
