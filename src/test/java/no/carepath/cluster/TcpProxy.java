package no.carepath.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of a server on this machine, that a test can cut (the port refuses
 * connections and open ones are closed, as when the server's machine goes away) and restore.
 */
public final class TcpProxy implements AutoCloseable {

  private final int port = Haproxy.freePort();
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "tcp-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private ServerSocket server;

  private TcpProxy(int target) {
    this.target = target;
  }

  public static TcpProxy start(int target) {
    TcpProxy proxy = new TcpProxy(target);
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (server != null && !server.isClosed()) {
      return;
    }
    try {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress("127.0.0.1", port));
      server = listening;
      threads.submit(() -> accept(listening));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses new connections and closes the open ones. */
  public synchronized void cut() {
    closeQuietly(server);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream;
        try {
          upstream = new Socket("127.0.0.1", target);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        threads.submit(() -> pump(client, upstream));
        threads.submit(() -> pump(upstream, client));
      } catch (IOException e) {
        // closed by cut(), or the target refused: the client's connection ends
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
      sockets.remove(from);
      sockets.remove(to);
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
    threads.shutdownNow();
  }
}
