#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Bodies of threads being started. A new thread takes any one: each `pthread_create` adds exactly
/// one body and each thread runs exactly one, so the order does not matter. This hands a closure to
/// a C thread entry without passing a pointer to it (EddyRuntime keeps out of unsafe pointers).
private let pendingThreadBodies = Mutex<[@Sendable () -> Void]>([])

/// An OS thread that can be joined, so an owner that stops it knows the thread is gone (Foundation's
/// `Thread` cannot be joined).
///
/// Thread-safety: ``join()`` from one thread, once; not from the thread itself.
final class JoinableThread: @unchecked Sendable {  // `handle` is written once, in init
    #if canImport(Glibc)
    private var handle = pthread_t()
    #else
    private var handle: pthread_t?
    #endif
    private let joined = Atomic<Bool>(false)

    /// Starts a thread named `name` (at most 15 bytes, the kernel's limit) running `body`.
    init(name: String, _ body: @escaping @Sendable () -> Void) {
        precondition(name.utf8.count <= 15, "thread name '\(name)' is longer than 15 bytes")
        pendingThreadBodies.withLock {
            $0.append {
                setCurrentThreadName(name)
                body()
            }
        }
        let result = pthread_create(&handle, nil, { _ in
            let body = pendingThreadBodies.withLock { $0.removeFirst() }
            body()
            return nil
        }, nil)
        precondition(result == 0, "pthread_create failed: \(result)")
    }

    /// Whether the caller is this thread.
    var isCurrent: Bool {
        #if canImport(Glibc)
        pthread_equal(handle, pthread_self()) != 0
        #else
        pthread_equal(handle!, pthread_self()) != 0
        #endif
    }

    /// Waits for the thread to end. Later calls return at once.
    func join() {
        guard !joined.exchange(true, ordering: .acquiringAndReleasing) else { return }
        precondition(!isCurrent, "a thread cannot join itself")
        #if canImport(Glibc)
        pthread_join(handle, nil)
        #else
        pthread_join(handle!, nil)
        #endif
    }

    deinit {
        if !joined.load(ordering: .relaxed) {
            #if canImport(Glibc)
            pthread_detach(handle)
            #else
            pthread_detach(handle!)
            #endif
        }
    }
}

/// Names the calling thread (shown in `top -H`, debuggers and `/proc/self/task/*/comm`).
private func setCurrentThreadName(_ name: String) {
    #if canImport(Glibc)
    // Glibc's pthread_setname_np is not visible to Swift without _GNU_SOURCE; the kernel's file is.
    let fd = open("/proc/thread-self/comm", O_WRONLY)
    guard fd >= 0 else { return }
    _ = write(fd, name, name.utf8.count)
    close(fd)
    #else
    _ = pthread_setname_np(name)
    #endif
}
