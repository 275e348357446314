package dev.rootgate.replicas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A replica's road to PostgreSQL, which a test can cut and restore: {@link #cut()} drops every open connection at
 * once (as a database that stopped or failed over does) and refuses new ones; {@link #hold()} lets connections stay
 * open but carries no byte, so a statement in flight stays in flight until the cut. {@link #restore()} opens the
 * road again on the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean held;

    TcpProxy(int targetPort) {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
    }

    int port() {
        return port;
    }

    synchronized void restore() {
        held = false;
        notifyAll();
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            daemon("db-proxy-accept", () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy cannot listen on " + port + " again", e);
        }
    }

    /** Bytes stop flowing both ways; connections stay open. */
    void hold() {
        held = true;
    }

    /** Every connection dropped, new ones refused. */
    synchronized void cut() {
        try {
            if (listener != null) {
                listener.close();
                listener = null;
            }
        } catch (IOException ignored) {
            // closing is all that is asked
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
        held = false;
        notifyAll();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                daemon("db-proxy-up", () -> pump(client, server));
                daemon("db-proxy-down", () -> pump(server, client));
            } catch (IOException e) {
                return; // closed by cut()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                waitWhileHeld(from);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: so does the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private synchronized void waitWhileHeld(Socket from) throws InterruptedException, IOException {
        while (held && !from.isClosed()) {
            wait(50);
        }
        if (from.isClosed()) {
            throw new IOException("cut");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
