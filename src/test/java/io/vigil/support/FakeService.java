package io.vigil.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for an external service playbooks call (Microsoft Graph, a ticketing system): records
 * every request and answers with the status set for its path (200 with {@code {}} by default).
 */
public final class FakeService implements AutoCloseable {
  /** A request as the service received it. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  static {
    // Without TCP_NODELAY the JDK's server waits for the client's delayed ACK between writing the
    // headers and the body: about 40 ms per request, which a "zero-latency" stand-in must not add.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, Duration> trickles = new ConcurrentHashMap<>();

  public FakeService() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  path,
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Duration delay = delays.get(path);
          if (delay != null) {
            try {
              Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Duration trickle = trickles.get(path);
          if (trickle != null) {
            trickle(exchange, trickle);
            return;
          }
          int status = statuses.getOrDefault(path, 200);
          byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(handlers);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes requests to {@code path} answer {@code status}. */
  public void answer(String path, int status) {
    statuses.put(path, status);
  }

  /** Makes requests to {@code path} wait {@code delay} before they are answered. */
  public void delay(String path, Duration delay) {
    delays.put(path, delay);
  }

  /**
   * Makes requests to {@code path} answer 200 at once and then send their body a space every 100 ms
   * for {@code duration}: never silent long enough for a read timeout to notice.
   */
  public void trickle(String path, Duration duration) {
    trickles.put(path, duration);
  }

  private static void trickle(HttpExchange exchange, Duration duration) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    long end = System.nanoTime() + duration.toNanos();
    try {
      while (System.nanoTime() < end) {
        body.write(' ');
        body.flush();
        Thread.sleep(100);
      }
      body.write("{}".getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the caller gave up
    }
    exchange.close();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
