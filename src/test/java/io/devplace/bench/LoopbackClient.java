package io.devplace.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that POSTs JSON and reads the answer, with as little work of its own as a load
 * generator can do: the request is written straight from the caller's byte arrays and the reply read into a reused
 * buffer. The load generator shares the machine's two cores with the service it measures; {@code java.net.http}
 * spent more CPU per request than the service's own fast path (its selector thread, futures, string decoding), and
 * that CPU was taken from the service. kube-scheduler's Go client is closer to this one than to that.
 *
 * <p>Not thread-safe: one per client thread. Reconnects once when the server closed an idle connection.
 */
final class LoopbackClient implements AutoCloseable {
    /** A reply: status and body (the body array is reused by the next call; read it before calling again). */
    record Answer(int status, byte[] body, int length) {
        boolean contains(byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= length; i++) {
                for (int k = 0; k < needle.length; k++) if (body[i + k] != needle[k]) continue outer;
                return true;
            }
            return false;
        }
    }

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[1 << 16];

    LoopbackClient(String base) {
        URI u = URI.create(base);
        this.host = u.getHost();
        this.port = u.getPort();
        this.hostHeader = (host + ":" + port).getBytes(StandardCharsets.US_ASCII);
    }

    /** POSTs the concatenation of {@code parts} to {@code path}. */
    Answer post(String path, byte[]... parts) throws IOException {
        try {
            return exchange(path, parts);
        } catch (IOException e) {
            close(); // a stale keep-alive connection: try once more on a fresh one
            return exchange(path, parts);
        }
    }

    private Answer exchange(String path, byte[][] parts) throws IOException {
        if (socket == null) connect();
        long length = 0;
        for (byte[] p : parts) length += p.length;
        ByteArrayOutputStream head = new ByteArrayOutputStream(160);
        head.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: ").getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(hostHeader);
        head.writeBytes(("\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        head.writeTo(out);
        for (byte[] p : parts) out.write(p);
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String status = line();
        if (status == null) throw new IOException("connection closed before a reply");
        int code = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        for (String h; (h = line()) != null && !h.isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) contentLength = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
        }
        int n = 0;
        if (chunked) {
            for (String size; (size = line()) != null; ) {
                int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (chunk == 0) { line(); break; }
                n = readInto(n, chunk);
                line();
            }
        } else if (contentLength > 0) {
            n = readInto(0, (int) contentLength);
        }
        return new Answer(code, buf, n);
    }

    private int readInto(int at, int count) throws IOException {
        if (buf.length < at + count) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, at + count));
        int got = in.readNBytes(buf, at, count);
        if (got < count) throw new IOException("connection closed mid-body");
        return at + count;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                return b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we no longer use
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
