#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import Eddy
import EddyRuntime
import Foundation
import Synchronization

/// Savepoints of a running `eddy run` from outside, by signal: `SIGUSR1` takes a savepoint and the
/// job goes on; `SIGTERM` stops the job with a savepoint (stop-with-savepoint), from which
/// `--restore` resumes. Each prints the savepoint's directory on standard error.
///
/// A `SIGTERM` before the job is deployed (still starting: restoring, opening state) stops it with
/// a savepoint as soon as it is, instead of killing it: a supervisor's stop is then always graceful.
final class SavepointSignals: @unchecked Sendable {  // `sources` is set in init and never changed
    private let current = Mutex<(job: RunningJob, store: CompletedCheckpointStore?)?>(nil)
    /// A `SIGTERM` came before any job was deployed.
    private let stopRequested = Mutex(false)
    private let sources: [(source: any DispatchSourceSignal, terminating: Bool)]

    /// Installs the handlers (the default actions of both signals are turned off).
    init() {
        let queue = DispatchQueue(label: "eddy.savepoint-signals")
        sources = [(SIGUSR1, false), (SIGTERM, true)].map { number, terminating in
            signal(number, SIG_IGN)
            return (DispatchSource.makeSignalSource(signal: number, queue: queue), terminating)
        }
        for (source, terminating) in sources {
            source.setEventHandler { [weak self] in self?.takeSavepoint(terminating: terminating) }
            source.resume()
        }
    }

    /// The job signals apply to now (called with every deployment).
    func track(_ job: RunningJob, _ store: CompletedCheckpointStore?) {
        current.withLock { $0 = (job, store) }
        if stopRequested.withLock({ $0 }) { takeSavepoint(terminating: true) }
    }

    private func takeSavepoint(terminating: Bool) {
        let tracked = current.withLock { current in
            if current == nil && terminating { stopRequested.withLock { $0 = true } }
            return current
        }
        guard let (job, store) = tracked else {
            if terminating {
                report("stopping with a savepoint once the job is deployed")
            } else {
                report("no job deployed yet to take a savepoint of")
            }
            return
        }
        guard let coordinator = job.checkpointCoordinator else {
            report("no running job with checkpoints to take a savepoint of (run with --checkpoint-dir and --checkpoint-interval)")
            if terminating { exit(143) }
            return
        }
        if terminating { stopRequested.withLock { $0 = false } }
        Task {
            do {
                let savepoint = try await coordinator.triggerSavepoint(terminating: terminating)
                let path = store?.savepointPath(savepoint.checkpointID) ?? "chk-\(savepoint.checkpointID)"
                report("savepoint \(savepoint.checkpointID)\(terminating ? " (job stopped)" : ""): \(path)")
            } catch {
                report("savepoint failed: \(error)")
            }
        }
    }

    private func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
