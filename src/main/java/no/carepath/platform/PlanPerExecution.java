package no.carepath.platform;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A plan for each execution with its values ({@code plan_cache_mode=force_custom_plan}) for the engine
 * queries a person waits for, and PostgreSQL's default plan cache for everything else.
 *
 * <p>Why: the engine's authorization check binds its permission bits as parameters, and the generic plan
 * PostgreSQL switches a prepared statement to after five executions cannot use the statistics on them
 * ({@link AuthorizationStatistics}); with 50,000 open tasks a nurse's Tasklist count then took 1.2 s
 * instead of 16-24 ms ({@code docs/benchmarks.md}, S7). Planning every statement on every connection
 * fixed that but cost the hot paths: PostgreSQL's CPU per 1,000 readings rose by half and bursts of new
 * deviations fell from 359 to 195 a second. So a connection is lent with custom plans only to a person's
 * query of the webapps' engine API ({@code /camunda/api/}: Tasklist, Cockpit, Admin) or {@code
 * /engine-rest} ({@link #forPeople}), and set back to the default before it returns to the pool.
 * Readings, deviations, the job executor, the workers' calls and a person's writes keep cached plans.
 *
 * <p>{@code carepath.database.custom-plans-for-people: false} turns this off; an installation that wants
 * custom plans everywhere adds {@code options=-c plan_cache_mode=force_custom_plan} to its JDBC URL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "carepath.database.custom-plans-for-people", havingValue = "true", matchIfMissing = true)
class PlanPerExecution {

  private static final Logger log = LoggerFactory.getLogger(PlanPerExecution.class);
  private static final ThreadLocal<Boolean> WANTED = new ThreadLocal<>();
  /** Connections lent with custom plans since start, as the metric {@code carepath_db_custom_plan_connections_total}. */
  static final AtomicLong LENT = new AtomicLong();

  /** Runs {@code work} with custom plans on every connection it takes from the pool on this thread. */
  static void during(Work work) throws IOException, ServletException {
    Boolean before = WANTED.get();
    WANTED.set(Boolean.TRUE);
    try {
      work.run();
    } finally {
      if (before == null) {
        WANTED.remove();
      }
    }
  }

  static boolean wanted() {
    return WANTED.get() != null;
  }

  /**
   * A request that gets custom plans: the engine's queries for people (reads: {@code GET}, and the
   * {@code POST}s that only query, such as the Tasklist's {@code filter/{id}/list} and {@code count}),
   * Cockpit's plugin queries; not the workers' calls, and not a person's writes (completing a task,
   * starting a process), whose statements are selective by id and gain nothing from planning each.
   */
  static boolean forPeople(String method, String path) {
    if (!path.startsWith("/engine-rest") && !path.startsWith("/camunda/api/")) {
      return false; // readings and pages, most requests: no pattern matching on their way
    }
    if (path.startsWith("/camunda/api/cockpit/")) {
      return true;
    }
    Matcher engine = ENGINE_API.matcher(path);
    if (!engine.matches()) {
      return false;
    }
    String resource = engine.group(1) == null ? "/" : engine.group(1);
    if (resource.startsWith("/external-task")) {
      return false;
    }
    return "GET".equals(method)
        || "POST".equals(method) && (resource.endsWith("/list") || resource.endsWith("/count")
            || QUERIES.matcher(resource).matches());
  }

  private static final Pattern ENGINE_API = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+|/camunda/api/[^/]+)(/.*)?$");
  /** The {@code POST}s that are queries with a body (every other {@code POST} of these resources writes). */
  private static final Pattern QUERIES = Pattern.compile("^/(task|process-instance|history/(?!cleanup$)[a-z-]+)$");

  @FunctionalInterface
  interface Work {
    void run() throws IOException, ServletException;
  }

  @Bean
  static BeanPostProcessor planPerExecutionDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof HikariDataSource pool ? new Lending(pool) : bean;
      }
    };
  }

  @Bean
  OncePerRequestFilter planPerExecutionFilter() {
    return new RequestFilter();
  }

  @Bean
  MeterBinder customPlanConnections() {
    return registry -> FunctionCounter.builder("carepath.db.custom.plan.connections", LENT, AtomicLong::doubleValue)
        .description("Database connections lent with a plan for each execution (the engine's API for people)")
        .register(registry);
  }

  // early, so that everything the request does on the engine, including the identity and access checks, is planned so
  @Order(Ordered.HIGHEST_PRECEDENCE + 30)
  static final class RequestFilter extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !forPeople(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      during(() -> chain.doFilter(request, response));
    }
  }

  /** The pool, lending connections with custom plans to the requests that want them. */
  static final class Lending extends DelegatingDataSource {
    private final HikariDataSource pool;

    Lending(HikariDataSource pool) {
      super(pool);
      this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return lend(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return lend(pool.getConnection(username, password));
    }

    private Connection lend(Connection connection) throws SQLException {
      if (!wanted()) {
        return connection;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("set plan_cache_mode = force_custom_plan");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      LENT.incrementAndGet();
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          new GiveBack(connection, pool));
    }
  }

  /** Sets the connection back to the default plan cache when it is closed, that is, given back to the pool. */
  private static final class GiveBack implements InvocationHandler {
    private final Connection connection;
    private final HikariDataSource pool;
    private boolean closed;

    GiveBack(Connection connection, HikariDataSource pool) {
      this.connection = connection;
      this.pool = pool;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
        if (!closed) {
          closed = true;
          reset();
          connection.close();
        }
        return null;
      }
      try {
        return method.invoke(connection, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void reset() {
      try {
        if (connection.isClosed()) {
          return;
        }
        // outside any transaction: a reset inside one that is then rolled back would be undone
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("reset plan_cache_mode");
        }
      } catch (SQLException e) {
        // never back into the pool planning every statement: the pool closes it and opens another
        log.debug("Could not reset plan_cache_mode, evicting the connection: {}", e.getMessage());
        pool.evictConnection(connection);
      }
    }
  }
}
