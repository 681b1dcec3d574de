package no.carepath.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

import no.carepath.security.Municipalities;
import no.carepath.security.Navigation;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders Carepath's page templates outside the application: directly from a model, or through a page
 * controller in a standalone {@link MockMvc} with {@link PageLayout} and Thymeleaf, as Spring Boot
 * wires them (no database, no Keycloak: the controllers get mocked services); and documents (PDF)
 * through {@link Documents}.
 */
public final class PageRendering {

  /** A patient name that must come out escaped wherever a page shows it. */
  public static final String HOSTILE_NAME = "<script>alert(1)</script>";
  public static final String ESCAPED_NAME = "&lt;script&gt;alert(1)&lt;/script&gt;";
  public static final CsrfToken CSRF = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "csrf-token-1234");
  public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T09:00:00Z"), OSLO);

  private static final SpringTemplateEngine ENGINE = engine();

  private PageRendering() {
  }

  /** The municipalities of the examples: 1804 Bodø, 1806 Narvik. */
  public static Municipalities municipalities() {
    Municipalities municipalities = new Municipalities();
    municipalities.getMunicipalities().putAll(Map.of("1804", "Bodø", "1806", "Narvik"));
    return municipalities;
  }

  /** Makes {@code Actor.current()} this person, as a Keycloak login would. */
  public static void signIn(String username, String name, String... groups) {
    Jwt jwt = Jwt.withTokenValue("token").header("alg", "none").subject(username).claim("name", name)
        .claim("groups", Arrays.asList(groups)).build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  public static void signOut() {
    SecurityContextHolder.clearContext();
  }

  /** These page controllers behind Spring MVC, with {@link PageLayout} and the Thymeleaf views. */
  public static MockMvc mvc(Object... controllers) {
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(ENGINE);
    views.setCharacterEncoding("UTF-8");
    return MockMvcBuilders.standaloneSetup(controllers)
        .setControllerAdvice(new PageLayout(new Navigation()))
        .setViewResolvers(views)
        .build();
  }

  /** One template, with this model and the request attributes a page request has ({@code _csrf}). */
  public static String render(String template, Map<String, Object> model) {
    MockServletContext servletContext = new MockServletContext();
    MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/app");
    request.setAttribute("_csrf", CSRF);
    WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
        .buildExchange(request, new MockHttpServletResponse()));
    context.setVariables(model);
    return ENGINE.process(template, context);
  }

  /** {@link Documents} with these templates and the real renderer and fonts, as the application has it. */
  public static Documents documents() {
    return new Documents(ENGINE);
  }

  private static SpringTemplateEngine engine() {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    templates.setCacheable(false);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    return engine;
  }
}
