import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 for error-path tests: it either answers every connection with a
/// canned HTTP response, or never answers (to exercise timeouts). It counts connections.
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var _connections = 0
    private var stopped = false

    var connections: Int { lock.withLock { _connections } }
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// - Parameter response: the raw HTTP response to send, or nil to accept and stay silent.
    init(response: String?) throws {
        (socket, port) = try Self.listen()
        let thread = Thread { [self] in self.serve(response) }
        thread.start()
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
    static func closedPort() throws -> UInt16 {
        let (fd, port) = try listen()
        close(fd)
        return port
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private func serve(_ response: String?) {
        var held: [Int32] = []
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { break }
            if lock.withLock({ stopped }) { close(client); break }
            lock.withLock { _connections += 1 }
            guard let response else { held.append(client); continue }  // never answer
            var buffer = [UInt8](repeating: 0, count: 65_536)
            _ = read(client, &buffer, buffer.count)  // the request (small, one read is enough here)
            _ = response.withCString { write(client, $0, strlen($0)) }
            close(client)
        }
        held.forEach { close($0) }
    }

    private struct SocketError: Error { let what: String }

    private static func listen() throws -> (Int32, UInt16) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(what: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else { close(fd); throw SocketError(what: "bind/listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { close(fd); throw SocketError(what: "getsockname") }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
