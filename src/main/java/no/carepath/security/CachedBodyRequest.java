package no.carepath.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A JSON request whose body can be read by a filter and again by the engine's REST API. Only JSON
 * bodies are read (deployments are multipart and pass untouched), at most {@code limit} bytes.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;
  private final boolean tooLarge;

  CachedBodyRequest(HttpServletRequest request, int limit) {
    super(request);
    String type = request.getContentType();
    if (type == null || !type.toLowerCase().contains("json")) {
      body = null;
      tooLarge = false;
      return;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] read = in.readNBytes(limit + 1);
      tooLarge = read.length > limit;
      body = tooLarge ? null : read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean tooLarge() {
    return tooLarge;
  }

  /** The body as JSON, or {@code null} when there is none or it is not JSON (the REST API will say so). */
  JsonNode json(ObjectMapper mapper) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (body == null) {
      return super.getInputStream();
    }
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
      }
    };
  }

  @Override
  public java.io.BufferedReader getReader() throws IOException {
    if (body == null) {
      return super.getReader();
    }
    String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
    return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
  }
}
