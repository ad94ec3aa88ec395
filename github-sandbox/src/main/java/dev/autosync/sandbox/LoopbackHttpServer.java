package dev.autosync.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP/1.1 server (keep-alive, {@code Content-Length} and chunked request bodies, buffered
 * responses) on a loopback port that hands {@link HttpHandler}s ordinary {@link HttpExchange}s.
 *
 * <p>Why not the JDK's {@code HttpServer}: it overwrites every response's {@code Date} header with the
 * wall clock, and the sandbox must send GitHub's {@code Date} from its own (possibly hand-moved) clock,
 * because autosync versions the removals it detects with that header.
 */
final class LoopbackHttpServer {

    /** Idle keep-alive connections are closed after this long, as the JDK server does by default. */
    private static final int IDLE_MILLIS = 30_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final HttpHandler handler;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    LoopbackHttpServer(int port, String threadName, HttpHandler handler) {
        this.handler = handler;
        try {
            this.socket = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox's port", e);
        }
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    void stop() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(LoopbackHttpServer::quietlyClose);
        executor.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                executor.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(IDLE_MILLIS);
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue; // tolerated between requests (RFC 9112 2.2)
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) {
                    return;
                }
                Headers headers = new Headers();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon > 0) {
                        headers.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                    }
                }
                byte[] body = body(in, headers);
                keepAlive = !"close".equalsIgnoreCase(headers.getFirst("Connection")) && "HTTP/1.1".equals(parts[2]);
                URI uri;
                try {
                    uri = URI.create(parts[1]);
                } catch (IllegalArgumentException e) {
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                Exchange exchange = new Exchange(parts[0], uri, parts[2], headers, body, connection, out, keepAlive);
                handler.handle(exchange);
                exchange.close();
            }
        } catch (SocketException | java.net.SocketTimeoutException e) {
            // the client went away or idled out
        } catch (IOException e) {
            // a broken connection ends only itself
        } finally {
            open.remove(connection);
        }
    }

    private static byte[] body(InputStream in, Headers headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.getFirst("Transfer-Encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers are ignored
                    }
                    break;
                }
                body.write(in.readNBytes(length));
                line(in);
            }
            return body.toByteArray();
        }
        String length = headers.getFirst("Content-Length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.trim()));
    }

    /** One CRLF- (or LF-) terminated line as ISO-8859-1, or null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("header line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** One request and its buffered response, written whole on {@link #close()}. */
    private static final class Exchange extends HttpExchange {
        private final String method;
        private final URI uri;
        private final String protocol;
        private final Headers requestHeaders;
        private final Headers responseHeaders = new Headers();
        private final Socket connection;
        private final OutputStream raw;
        private final boolean keepAlive;
        private final Map<String, Object> attributes = new HashMap<>();
        private InputStream requestBody;
        private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
        private int status = -1;
        private boolean written;

        Exchange(String method, URI uri, String protocol, Headers requestHeaders, byte[] body, Socket connection,
                 OutputStream raw, boolean keepAlive) {
            this.method = method;
            this.uri = uri;
            this.protocol = protocol;
            this.requestHeaders = requestHeaders;
            this.requestBody = new ByteArrayInputStream(body);
            this.connection = connection;
            this.raw = raw;
            this.keepAlive = keepAlive;
        }

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            if (status >= 0) {
                throw new IOException("headers already sent");
            }
            status = code;
        }

        @Override
        public void close() {
            if (written) {
                return;
            }
            written = true;
            try {
                byte[] body = status == 304 || status == 204 || "HEAD".equals(method) ? new byte[0]
                        : responseBody.toByteArray();
                int code = status < 0 ? 500 : status;
                StringBuilder head = new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
                if (!responseHeaders.containsKey("Date")) {
                    responseHeaders.set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
                }
                responseHeaders.remove("Content-Length");
                responseHeaders.forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
                if (code != 304 && code != 204) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                if (!keepAlive) {
                    head.append("Connection: close\r\n");
                }
                head.append("\r\n");
                raw.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                raw.write(body);
                raw.flush();
                if (!keepAlive) {
                    connection.close();
                }
            } catch (IOException e) {
                quietlyClose(connection);
            }
        }

        private static String reason(int code) {
            return switch (code) {
                case 200 -> "OK";
                case 201 -> "Created";
                case 202 -> "Accepted";
                case 204 -> "No Content";
                case 304 -> "Not Modified";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 409 -> "Conflict";
                case 422 -> "Unprocessable Entity";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                default -> "Status";
            };
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public InputStream getRequestBody() {
            return requestBody;
        }

        @Override
        public OutputStream getResponseBody() {
            return responseBody;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return (InetSocketAddress) connection.getRemoteSocketAddress();
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return (InetSocketAddress) connection.getLocalSocketAddress();
        }

        @Override
        public String getProtocol() {
            return protocol;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
            if (in != null) {
                requestBody = in;
            }
            if (out != null) {
                throw new UnsupportedOperationException("responses are buffered; filtered output streams are not supported");
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
