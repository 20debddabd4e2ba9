package io.devplace.server;

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
 * An exchange without a socket: a request (method, path, headers, body bytes) handed to the service's {@link Router}
 * in-process, and what the router answered. Lets the request fuzzers try thousands of bodies a second; a sample goes
 * over real HTTP too (RequestFuzzProperties), so that the JDK server's own decoding is covered.
 */
final class FakeExchange extends HttpExchange {
    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream body;
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private boolean closed;

    FakeExchange(String method, String path, Map<String, String> headers, byte[] body) {
        this(method, path, headers, new ByteArrayInputStream(body));
    }

    /** With a body stream of the test's making (one that arrives slowly, for instance). */
    FakeExchange(String method, String path, Map<String, String> headers, InputStream body) {
        this.method = method;
        this.uri = URI.create("http://127.0.0.1" + path);
        headers.forEach(requestHeaders::add);
        this.body = body;
    }

    int status() { return status; }

    String body() { return response.toString(StandardCharsets.UTF_8); }

    boolean closed() { return closed; }

    @Override public Headers getRequestHeaders() { return requestHeaders; }
    @Override public Headers getResponseHeaders() { return responseHeaders; }
    @Override public URI getRequestURI() { return uri; }
    @Override public String getRequestMethod() { return method; }
    @Override public HttpContext getHttpContext() { return null; }
    @Override public void close() { closed = true; }
    @Override public InputStream getRequestBody() { return body; }
    @Override public OutputStream getResponseBody() { return response; }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) {
        if (status != -1) throw new IllegalStateException("headers sent twice");
        status = rCode;
    }

    @Override public InetSocketAddress getRemoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
    @Override public int getResponseCode() { return status; }
    @Override public InetSocketAddress getLocalAddress() { return new InetSocketAddress("127.0.0.1", 8080); }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void setStreams(InputStream i, OutputStream o) { throw new UnsupportedOperationException(); }
    @Override public HttpPrincipal getPrincipal() { return null; }
}
