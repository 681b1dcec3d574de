package no.carepath.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies of Carepath's own JSON API ({@code /api/**}); the Camunda REST API has its
 * own limits. A declared length over the cap is refused before reading; a chunked body is cut off
 * while reading and the JSON reader reports it as too large.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2) // after authentication: no token means 401 first
class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  RequestBodyLimitFilter(@Value("${carepath.api.max-body-bytes}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static final class BodyTooLargeException extends IOException {
    final long maxBytes;

    BodyTooLargeException(long maxBytes) {
      super("request body larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      ApiExceptionHandler.writeTooLarge(response, request.getContentLengthLong(), maxBytes);
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream delegate = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0 && ++read > maxBytes) {
              throw new BodyTooLargeException(maxBytes);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0 && (read += n) > maxBytes) {
              throw new BodyTooLargeException(maxBytes);
            }
            return n;
          }

          @Override
          public boolean isFinished() {
            return delegate.isFinished();
          }

          @Override
          public boolean isReady() {
            return delegate.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
