package dev.quotecast.faults;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP exchange held in memory: the request as the JDK server would hand it to a handler, and
 * the response the handler writes. Lets a soak test drive {@code SlackHttpHandler} (size check,
 * timestamp check, Bolt's parsing and signature verification, dispatch, response writing) a
 * hundred thousand times without paying for sockets; the socket path is covered by {@link LoadTest}.
 */
final class InMemoryExchange extends HttpExchange {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream body;
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;

    InMemoryExchange(String method, URI uri, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        headers.forEach(requestHeaders::add);
        requestHeaders.set("Content-Length", Integer.toString(body.length));
        this.body = new ByteArrayInputStream(body);
    }

    int status() {
        return status;
    }

    String responseBody() {
        return response.toString(StandardCharsets.UTF_8);
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
    public void close() {
        // nothing to release: both bodies are in memory
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        return response;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
        if (status != -1) throw new IllegalStateException("headers already sent");
        status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return LOOPBACK;
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return LOOPBACK;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
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
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException("filters are not used here");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
