#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// A TCP listener on 127.0.0.1 at an ephemeral port, for socket source tests. A thread accepts the
/// one expected connection; the test then sends bytes or closes it.
final class LoopbackListener: @unchecked Sendable {  // fields written before `accepted` is signalled
    let port: Int
    private let listenFD: Int32
    private var clientFD: Int32 = -1
    private let accepted = DispatchSemaphore(value: 0)

    /// Binds and listens; with `listen: false` only binds, so connecting is refused.
    init(listen shouldListen: Bool = true) throws {
        let listenFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listenFD = listenFD
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listenFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listenFD, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        if shouldListen {
            guard listen(listenFD, 1) == 0 else { throw POSIXError(.EIO) }
            Thread.detachNewThread { [self] in
                clientFD = accept(listenFD, nil, nil)
                accepted.signal()
            }
        }
    }

    deinit {
        if clientFD >= 0 { close(clientFD) }
        close(listenFD)
    }

    /// Waits for the connection to be accepted.
    func waitForClient() {
        accepted.wait()
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = sendBytes(clientFD, bytes[sent...])
            precondition(count > 0, "send failed")
            sent += count
        }
    }

    /// Closes the accepted connection (the peer close the reader sees).
    func closeClient() {
        close(clientFD)
        clientFD = -1
    }
}

private func sendBytes(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Int {
    bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
}
