package com.adreview.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A webhook subscriber on a raw socket, which can close a kept-alive connection with a request unanswered. */
final class RawSubscriber implements AutoCloseable {

    private final ServerSocket server;

    private RawSubscriber(ServerSocket server) {
        this.server = server;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * A subscriber on a raw socket: {@code answers} says, for connection {@code c} and its {@code n}th request
     * (from 1), whether it answers 204 (kept alive) or closes the connection unanswered. Counts the requests
     * each connection took.
     */
    static RawSubscriber start(List<Integer> requestsPerConnection, Answers answers) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accepting = new Thread(() -> {
            for (int connection = 0; !server.isClosed(); connection++) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return; // the server socket was closed after the test
                }
                requestsPerConnection.add(0);
                int index = requestsPerConnection.size() - 1;
                int number = connection;
                // Each connection on a thread of its own: one waiting for its next request holds up no other.
                Thread serving = new Thread(() -> serve(socket, number, index, requestsPerConnection, answers));
                serving.setDaemon(true);
                serving.start();
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return new RawSubscriber(server);
    }

    private static void serve(
            Socket socket, int connection, int index, List<Integer> requestsPerConnection, Answers answers) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readRequest(in)) {
                int n = requestsPerConnection.get(index) + 1;
                requestsPerConnection.set(index, n);
                if (!answers.answer(connection, n)) {
                    return; // closed with the request unanswered
                }
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    interface Answers {
        boolean answer(int connection, int request);
    }

    /** Reads one HTTP/1.1 request with a Content-Length body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (c < 0) {
            return false;
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return in.readNBytes(length).length == length;
    }
}
