package dev.lanyard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that accepts every mail and throws it away, greeting each connection after a delay the
 * benchmark sets: at once, or after two seconds, to show that a slow mail server does not slow the route.
 */
final class SmtpStub implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong greetingDelayMillis = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong lastActivityMillis = new AtomicLong(System.currentTimeMillis());

    SmtpStub() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        connections.submit(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    void greetAfter(Duration delay) {
        greetingDelayMillis.set(delay.toMillis());
    }

    /** No conversation open, and none began or ended in the last {@code quiet}: the server's mail backlog is sent. */
    boolean isIdle(Duration quiet) {
        return open.get() == 0 && System.currentTimeMillis() - lastActivityMillis.get() >= quiet.toMillis();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.submit(() -> converse(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket connection) {
        open.incrementAndGet();
        lastActivityMillis.set(System.currentTimeMillis());
        try (connection) {
            Thread.sleep(greetingDelayMillis.get());
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 bench ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message body is not kept
                        }
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the stub is closing
        } finally {
            open.decrementAndGet();
            lastActivityMillis.set(System.currentTimeMillis());
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
