#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A client TCP connection over POSIX sockets, non-blocking once connected: the part of the socket
/// source that talks to the kernel. Errors are ``ConnectorError``s naming `host:port`.
///
/// IPv4 only: the address is built as a plain `sockaddr` (16 bytes, the size of `sockaddr_in`) so
/// no pointer casts are needed; IPv6 would need `sockaddr_in6`, larger than `sockaddr`.
struct TCPConnection {
    let fd: Int32
    /// `host:port`, for error messages.
    let endpoint: String

    /// Connects to `host:port`, waiting at most `timeout`.
    ///
    /// - Throws: ``ConnectorError`` (`.connect`) naming `host:port`: unknown host, refused, timed out.
    static func connect(host: String, port: Int, timeout: Duration) throws(ConnectorError) -> TCPConnection {
        let endpoint = "\(host):\(port)"
        func failure(_ message: String, _ code: Int32? = nil) -> ConnectorError {
            let cause = code.map { ": " + String(cString: strerror($0)) } ?? ""
            return ConnectorError(.connect, "cannot connect\(cause)\(message)", location: endpoint, systemErrorCode: code)
        }
        guard (1...65535).contains(port) else { throw failure(" (port out of range)") }
        guard let address = resolveIPv4(host) else { throw failure(" (cannot resolve '\(host)' to an IPv4 address)") }
        var socketAddress = makeSocketAddress(address, port: UInt16(port))

        let fd = openStreamSocket()
        if fd < 0 { throw failure(" (socket)", errno) }
        let flags = fcntl(fd, F_GETFL)
        if flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 {
            let code = errno
            _ = systemClose(fd)
            throw failure(" (fcntl)", code)
        }
        if systemConnect(fd, &socketAddress) != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR else {
                _ = systemClose(fd)
                throw failure("", code)
            }
            // Wait for the connection to complete, then ask how it went.
            let millis = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
            var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = retryingInterrupts { poll(&waiting, 1, millis) }
            if ready <= 0 {
                let code = ready < 0 ? errno : ETIMEDOUT
                _ = systemClose(fd)
                throw failure("", code)
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) != 0 || socketError != 0 {
                let code = socketError != 0 ? socketError : errno
                _ = systemClose(fd)
                throw failure("", code)
            }
        }
        return TCPConnection(fd: fd, endpoint: endpoint)
    }

    /// Reads what has arrived into the start of `buffer`.
    ///
    /// - Returns: the byte count, 0 when the peer closed the connection, -1 when nothing has arrived.
    /// - Throws: ``ConnectorError`` (`.io`) naming `host:port` (connection reset and the like).
    func receive(into buffer: inout [UInt8]) throws(ConnectorError) -> Int {
        let capacity = buffer.count
        let count = retryingInterrupts { systemReceive(fd, &buffer, capacity) }
        if count >= 0 { return count }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK { return -1 }
        throw ConnectorError(
            .io, "cannot read: \(String(cString: strerror(code)))", location: endpoint, systemErrorCode: code)
    }

    func close() { _ = systemClose(fd) }

    /// `host` as an IPv4 address in network byte order: a dotted quad or `localhost`. Other names
    /// are not resolved (`getaddrinfo` hands out pointers, which module Eddy does not touch).
    static func resolveIPv4(_ host: String) -> in_addr? {
        var address = in_addr()
        if inet_pton(AF_INET, host, &address) == 1 { return address }
        if host == "localhost" && inet_pton(AF_INET, "127.0.0.1", &address) == 1 { return address }
        return nil
    }

    /// A `sockaddr` laid out as `sockaddr_in`: family, port (big-endian), address, zero padding.
    static func makeSocketAddress(_ address: in_addr, port: UInt16) -> sockaddr {
        // `s_addr` holds the address in network order in memory; read its bytes in memory order.
        let raw = address.s_addr.littleEndian
        func byte(_ value: UInt32, _ shift: UInt32) -> CChar { CChar(bitPattern: UInt8(truncatingIfNeeded: value >> shift)) }
        let data: (CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar) = (
            byte(UInt32(port), 8), byte(UInt32(port), 0),
            byte(raw, 0), byte(raw, 8), byte(raw, 16), byte(raw, 24),
            0, 0, 0, 0, 0, 0, 0, 0
        )
        #if canImport(Darwin)
            return sockaddr(sa_len: UInt8(MemoryLayout<sockaddr>.size), sa_family: sa_family_t(AF_INET), sa_data: data)
        #else
            return sockaddr(sa_family: sa_family_t(AF_INET), sa_data: data)
        #endif
    }
}

private func openStreamSocket() -> Int32 {
    #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
        socket(AF_INET, SOCK_STREAM, 0)
    #endif
}

// Unqualified `connect`/`close` inside the struct would resolve to its own methods.
private func systemConnect(_ fd: Int32, _ address: inout sockaddr) -> Int32 {
    connect(fd, &address, socklen_t(MemoryLayout<sockaddr>.size))
}
private func systemReceive(_ fd: Int32, _ buffer: inout [UInt8], _ count: Int) -> Int {
    recv(fd, &buffer, count, 0)
}
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
