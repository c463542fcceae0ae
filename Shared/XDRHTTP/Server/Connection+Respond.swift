import XDRCore

extension Connection {
    /// Runs middleware and handler, writes the response, records metrics and the access log.
    /// Returns whether the connection may serve another request.
    func respond(to request: HTTPRequest, keepAlive: Bool, started: Deadline) -> Bool {
        let requestID = RequestID.accept(request.headers["X-Request-Id"])
        var context = RequestContext(requestID: requestID, logger: core.logger)
        var response: HTTPResponse
        do {
            response = try dispatch(request, &context)
        } catch let error as HTTPError {
            response = error.response(requestID: requestID)
        } catch {
            context.logger.error("request failed", [
                "error": String(reflecting: error), "http.route": context.route, "http.method": request.method,
            ])
            response = HTTPError(500, detail: "an internal error occurred; quote request id \(requestID) when reporting it")
                .response(requestID: requestID)
        }
        let keepAlive = keepAlive && !core.registry.isDraining && !response.headers.containsToken("close", in: "Connection")
        let delivered = write(response, for: request, requestID: requestID, keepAlive: keepAlive, logger: context.logger)
        let seconds = Deadline.seconds(since: started)
        ServerMetrics.record(core.metrics, route: context.route, method: request.method, status: response.status, seconds: seconds)
        if core.logger.level <= .debug {
            context.logger.debug("request", [
                "http.method": request.method, "http.path": request.path, "http.route": context.route,
                "http.status": String(response.status), "http.duration_ms": String(Int(seconds * 1000)),
                "client.address": remoteAddress, "http.request_bytes": String(request.body.count),
            ])
        }
        return keepAlive && delivered
    }

    private func dispatch(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        switch core.responder {
        case .handler(let handler):
            context.route = "*"
            return try MiddlewareChain.run(core.middleware, from: 0, request, &context, handler: handler)
        case .router(let router):
            // Route first so middleware sees the route and parameters; a miss is thrown only at the
            // end of the chain, so middleware such as authentication still runs before a 404.
            let resolved: Result<HTTPHandler, HTTPError>
            do {
                resolved = .success(try router.resolve(method: request.method, target: request.target, into: &context))
            } catch let error as HTTPError {
                resolved = .failure(error)
            } catch {
                resolved = .failure(HTTPError(404))
            }
            return try MiddlewareChain.run(core.middleware, from: 0, request, &context) { request, context in
                try resolved.get()(request, &context)
            }
        }
    }

    /// Writes the head and body (or runs the stream). Returns `false` when the connection broke
    /// or a stream ended in a way that leaves it unusable.
    private func write(_ response: HTTPResponse, for request: HTTPRequest, requestID: String, keepAlive: Bool, logger: Logger) -> Bool {
        var headers = response.headers
        if !headers.contains("Date") { headers.add("Date", HTTPDate.now()) }
        headers.replaceOrAdd("X-Request-Id", requestID)
        headers.remove("Transfer-Encoding")
        if !keepAlive {
            headers.replaceOrAdd("Connection", "close")
        } else if request.version == .http1_0 {
            headers.replaceOrAdd("Connection", "keep-alive")
        }
        let omitBody = request.method == "HEAD" || HTTPStatus.forbidsBody(response.status)
        let deadline = Deadline.after(core.configuration.writeTimeout)

        if let stream = response.stream {
            headers.remove("Content-Length")
            guard !omitBody else { return send(head: response.status, headers, body: nil, deadline: deadline) }
            return writeStream(stream, status: response.status, headers: headers, version: request.version, logger: logger)
        }
        if HTTPStatus.forbidsBody(response.status) {
            headers.remove("Content-Length")
        } else {
            headers.replaceOrAdd("Content-Length", String(response.body.count))
        }
        return send(head: response.status, headers, body: omitBody ? nil : response.body, deadline: deadline)
    }

    private func send(head status: Int, _ headers: HTTPHeaders, body: [UInt8]?, deadline: Deadline) -> Bool {
        var bytes: [UInt8] = []
        let body = body ?? []
        // Small bodies travel with the head in one system call; large ones are not copied.
        let combine = body.count <= 64 * 1024
        bytes.reserveCapacity(256 + headers.count * 40 + (combine ? body.count : 0))
        ResponseHead.write(status: status, headers: headers, into: &bytes)
        if combine { bytes.append(contentsOf: body) }
        do {
            try socket.send(bytes, deadline: deadline)
            if !combine { try socket.send(body, deadline: deadline) }
            return true
        } catch {
            return false
        }
    }

    private func writeStream(_ stream: @Sendable (HTTPStreamWriter) throws -> Void, status: Int, headers: HTTPHeaders,
                             version: HTTPVersion, logger: Logger) -> Bool {
        var headers = headers
        // HTTP/1.0 has no chunked coding: the end of the stream is the end of the connection.
        let chunked = version == .http1_1
        if chunked { headers.replaceOrAdd("Transfer-Encoding", "chunked") } else { headers.replaceOrAdd("Connection", "close") }
        guard send(head: status, headers, body: nil, deadline: .after(core.configuration.writeTimeout)) else { return false }
        let writer = HTTPStreamWriter(socket: socket, chunked: chunked, writeTimeout: core.configuration.writeTimeout, shutdown: core.shutdown)
        do {
            try stream(writer)
        } catch let closed as HTTPStreamWriter.Closed {
            logger.debug("stream ended", ["reason": closed.reason])
        } catch {
            // Leave the chunked body unterminated so the client can tell the stream failed.
            logger.error("stream failed", ["error": String(reflecting: error)])
            return false
        }
        return writer.finish() && chunked && !core.shutdown.isTriggered
    }
}
