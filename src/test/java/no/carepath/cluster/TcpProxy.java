package no.carepath.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of a server on this machine, that a test can cut (every open connection is
 * closed and every new one is closed at once, as when the server's machine goes away) and restore.
 * It keeps its port while cut, so no other process can take it before the restore.
 */
public final class TcpProxy implements AutoCloseable {

  private final int target;
  private final ServerSocket server;
  private final Set<Socket> sockets = new HashSet<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "tcp-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private boolean cutOff;

  private TcpProxy(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
  }

  public static TcpProxy start(int target) {
    try {
      TcpProxy proxy = new TcpProxy(target);
      proxy.threads.submit(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Relays again. */
  public synchronized void restore() {
    cutOff = false;
  }

  /** Closes the open connections, and every new one as soon as it is accepted. */
  public synchronized void cut() {
    cutOff = true;
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = null;
      try {
        synchronized (this) {
          if (cutOff) {
            closeQuietly(client);
            continue;
          }
          upstream = new Socket("127.0.0.1", target);
          sockets.add(client);
          sockets.add(upstream);
        }
        Socket to = upstream;
        threads.submit(() -> pump(client, to));
        threads.submit(() -> pump(to, client));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        closeQuietly(client);
        closeQuietly(upstream);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      synchronized (this) {
        sockets.remove(from);
        sockets.remove(to);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    closeQuietly(server);
    threads.shutdownNow();
  }
}
