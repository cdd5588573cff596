import Dispatch

/// The coordinator's work on its queue: trigger, collect, complete, abort, pace.
extension CheckpointCoordinator {
    func triggerNow(_ requested: CheckpointOptions, completion: @escaping PendingCheckpoint.Completion) {
        guard !shutDown else {
            let id = ids.peek
            return completion(.failure(CheckpointError(.jobEnded, "the job ended", checkpointID: id)))
        }
        if let stopped = tasks.first(where: { $0.state != .running }) {
            return completion(.failure(CheckpointError(
                .notRunning, "task \(stopped.key) is \(stopped.state.rawValue); checkpoints need every task running")))
        }
        let id = ids.next()
        var options = requested
        options.unaligned = options.kind == .checkpoint && (options.unaligned || config.unaligned)
        let now = clock()
        let barrier = CheckpointBarrier(checkpointID: id, timestampMillis: now, options: options)
        var checkpoint = PendingCheckpoint(barrier: barrier, triggeredAtMillis: now, awaiting: Set(tasks.map(\.key)))
        checkpoint.completions.append(completion)
        pending[id] = checkpoint
        if checkpoint.isPeriodic { lastTriggerMillis = now }
        statistics.triggered()
        for task in tasks where task.isSource { task.post(.triggerCheckpoint(barrier)) }
        scheduleTimeoutCheck(id, afterMillis: config.timeoutMillis)
    }

    func received(_ ack: TaskAcknowledgement) {
        guard var checkpoint = pending[ack.checkpointID] else {
            // Late, for an aborted checkpoint: its files are garbage.
            config.sink.abort(checkpointID: ack.checkpointID, written: Array(ack.operators.values))
            return
        }
        guard checkpoint.awaiting.remove(ack.taskKey) != nil else { return }
        checkpoint.add(ack)
        pending[ack.checkpointID] = checkpoint
        if checkpoint.awaiting.isEmpty { complete(ack.checkpointID) }
    }

    private func complete(_ id: Int64) {
        guard let checkpoint = pending.removeValue(forKey: id) else { return }
        let acknowledged = AcknowledgedCheckpoint(
            checkpointID: id, options: checkpoint.barrier.options, timestampMillis: checkpoint.barrier.timestampMillis,
            operators: checkpoint.operators, parallelism: parallelism, maxParallelism: maxParallelism)
        do {
            try config.sink.complete(acknowledged)
        } catch {
            pending[id] = checkpoint
            return abort(id, CheckpointError(
                .completionFailed, "the checkpoint store could not complete it", checkpointID: id,
                underlying: CompletionFailure(description: "\(error)")))
        }
        let now = clock()
        lastCompletionMillis = now
        statistics.completed(id, durationMillis: now - checkpoint.triggeredAtMillis, tasks: checkpoint.metrics)
        for older in pending.values where older.id < id && older.isPeriodic {
            abort(older.id, CheckpointError(.subsumed, "checkpoint \(id) completed first", checkpointID: older.id))
        }
        // The job stops now: nothing periodic is to start (the sources would only decline it).
        if checkpoint.barrier.options.kind == .terminatingSavepoint { periodic = false }
        for task in tasks { task.post(.checkpointComplete(id)) }
        for completion in checkpoint.completions { completion(.success(acknowledged)) }
        checkPeriodicTrigger()
    }

    func abort(_ id: Int64, _ error: CheckpointError) {
        guard let checkpoint = pending.removeValue(forKey: id) else { return }
        config.sink.abort(checkpointID: id, written: checkpoint.written)
        statistics.failed()
        if error.code == .subsumed {
            logger.debug("checkpoint \(id) of job \(jobID) subsumed: \(error.message)")
        } else {
            logger.warning("checkpoint \(id) of job \(jobID) failed; the job goes on: \(error.message)")
        }
        for task in tasks { task.post(.checkpointAborted(id)) }
        for completion in checkpoint.completions { completion(.failure(error)) }
        checkPeriodicTrigger()
    }

    private func scheduleTimeoutCheck(_ id: Int64, afterMillis delay: Int64) {
        queue.asyncAfter(deadline: .now() + .milliseconds(Int(max(delay, 1)))) { [weak self] in self?.checkTimeout(id) }
    }

    /// Aborts `id` if it is older than the timeout on the coordinator's clock (a test's manual clock
    /// decides when that is), else checks again when it would be.
    func checkTimeout(_ id: Int64) {
        guard let checkpoint = pending[id] else { return }
        let age = clock() - checkpoint.triggeredAtMillis
        guard age >= config.timeoutMillis else { return scheduleTimeoutCheck(id, afterMillis: config.timeoutMillis - age) }
        let waiting = checkpoint.awaiting.sorted().joined(separator: ", ")
        abort(id, CheckpointError(
            .timedOut, "not acknowledged within \(config.timeoutMillis) ms by \(waiting)", checkpointID: id))
    }

    /// Triggers a periodic checkpoint when pacing allows, else schedules the next check. None
    /// while a terminating savepoint is pending (as Flink stops its scheduler for one): its sources
    /// emit nothing after the savepoint's barrier and would decline each; if it fails, its abort
    /// checks again.
    func checkPeriodicTrigger() {
        guard periodic, !shutDown, let pacing else { return }
        guard !pending.values.contains(where: { $0.barrier.options.kind == .terminatingSavepoint }) else { return }
        let now = clock()
        let running = pending.values.filter(\.isPeriodic).count
        switch pacing.decide(
            now: now, pending: running, lastTrigger: lastTriggerMillis, lastCompletion: lastCompletionMillis,
            start: startMillis)
        {
        case .triggerNow:
            triggerNow(CheckpointOptions()) { _ in }
            lastTriggerMillis = now  // also when it could not start: try again an interval later
            scheduleCheck(at: now + pacing.intervalMillis)
        case .wait(let until):
            scheduleCheck(at: until)
        case .blocked:
            break  // completion or abort checks again
        }
    }

    private func scheduleCheck(at millis: Int64) {
        tickGeneration += 1
        let generation = tickGeneration
        let delay = max(millis - clock(), 1)
        queue.asyncAfter(deadline: .now() + .milliseconds(Int(delay))) { [weak self] in
            guard let self, self.tickGeneration == generation else { return }
            self.checkPeriodicTrigger()
        }
    }
}

/// A completion sink's error, as text (the sink's error type need not be Sendable).
struct CompletionFailure: Error, Sendable, CustomStringConvertible {
    var description: String
}
