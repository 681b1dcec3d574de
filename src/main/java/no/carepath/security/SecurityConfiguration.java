package no.carepath.security;

import static no.carepath.security.CarepathGroups.authority;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. (1) {@code /engine-rest/**}, {@code /api/**}, {@code /fhir/**} and the Prometheus endpoint:
 * stateless, a Keycloak bearer JWT with audience {@code carepath-api} required. (2) Everything
 * else: browser login through Keycloak (OIDC); the Camunda webapps trust it through
 * {@link WebappAuthenticationProvider}.
 *
 * <p>Matchers are {@link PathPatternRequestMatcher}s on purpose: a String
 * {@code securityMatcher("/engine-rest/**")} did not match the Jersey-served REST API on Spring
 * Boot 3.5 and let requests through unauthenticated ({@code SecurityIT} guards this).
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

  static final String WEBAPP_REGISTRATION = "keycloak";
  static final String WORKERS_REGISTRATION = "carepath-workers";

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  /** Spring Security's {@code StrictHttpFirewall} with its rule for header values as a loop ({@link HeaderValues}). */
  @Bean
  static HttpFirewall firewall() {
    return HeaderValues.firewall();
  }

  /**
   * No observations of Spring Security's own (a timer around every filter, the chain and each authentication):
   * nothing reads them. {@code application.yaml} already kept them out of the metrics, but the filters were still
   * wrapped and the observations created, about 4 % of a FHIR POST's CPU (docs/benchmarks.md); this removes the
   * wrapping. Each request's own observation ({@code http.server.requests}) stays.
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(1)
  SecurityFilterChain tokenProtectedApis(HttpSecurity http, JwtDecoder jwtDecoder, IdentityService identityService,
      KnownUsers knownUsers, Municipalities municipalities, EngineRequestGuard engineGuard, EngineReadAudit readAudit)
      throws Exception {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName(GroupClaims.USERNAME_CLAIM);
    converter.setJwtGrantedAuthoritiesConverter(jwt -> groupAuthorities(GroupClaims.groups(jwt.getClaims())));

    http.securityMatcher(new OrRequestMatcher(path("/engine-rest/**"), path("/api/**"), path("/fhir/**"),
            path("/fhir"), path("/actuator/prometheus")))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(AccessRules::apply)
        .oauth2ResourceServer(resourceServer -> resourceServer
            .bearerTokenResolver(new BearerTokens())
            .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(converter))
            .authenticationEntryPoint(ProblemResponses.unauthorized())
            .accessDeniedHandler(ProblemResponses.forbidden()))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(ProblemResponses.unauthorized())
            .accessDeniedHandler(ProblemResponses.forbidden()))
        .headers(SecurityConfiguration::headers)
        .addFilterAfter(new EngineRestIdentityFilter(identityService, municipalities), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new KnownUserFilter(knownUsers), AuthorizationFilter.class)
        .addFilterAfter(engineGuard, KnownUserFilter.class)
        .addFilterAfter(readAudit, EngineRequestGuard.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserLogin(HttpSecurity http, ClientRegistrationRepository registrations, KnownUsers knownUsers,
      EngineRequestGuard engineGuard, EngineReadAudit readAudit, IdentityProperties identity,
      no.carepath.availability.OutageFilter outages, Clock clock) throws Exception {
    LoginAvailability loginAvailability = new LoginAvailability(identity.issuer(), outages, clock);
    OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
    RequestMatcher camundaApi = path("/camunda/api/**");

    http.authorizeHttpRequests(AccessRules::apply)
        .oauth2Login(login -> login
            .authorizationEndpoint(authorization -> authorization
                .authorizationRequestResolver(NorwegianLogin.resolver(registrations)))
            .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(oidcGroupAuthorities()))
            .failureHandler(loginAvailability))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(path(HttpMethod.GET, "/logout"), path(HttpMethod.POST, "/logout")))
            .logoutSuccessHandler(logoutSuccess))
        // Camunda's webapps bring their own CSRF protection (X-XSRF-TOKEN) for their API; a failed check
        // is answered here without ending the session (WebappCsrfCheck)
        .csrf(csrf -> csrf.ignoringRequestMatchers(camundaApi))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), camundaApi)
            .defaultAccessDeniedHandlerFor(ProblemResponses.forbidden(), camundaApi)
            // pages: the Norwegian 403 page in Carepath's layout (error/403.html)
            .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
        .headers(SecurityConfiguration::headers)
        .addFilterBefore(loginAvailability,
            org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class)
        .addFilterAfter(new KnownUserFilter(knownUsers), AuthorizationFilter.class)
        .addFilterAfter(new WebappCsrfCheck(), KnownUserFilter.class)
        .addFilterAfter(engineGuard, WebappCsrfCheck.class)
        .addFilterAfter(readAudit, EngineRequestGuard.class);
    return http.build();
  }

  /**
   * Carepath's pages get a strict Content-Security-Policy (the Camunda webapps set their own);
   * every response says not to send the address on as a referrer, and responses with patient data
   * are never stored by a browser or proxy ({@link NoStore}).
   */
  private static void headers(HeadersConfigurer<HttpSecurity> headers) {
    headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
        // a document shown as a page (the statistics pack: its own style sheet and SVG charts styled inline,
        // as in the PDF) may have inline styles; still no script
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(path("/app/reviews/*/pack"),
            new StaticHeadersWriter("Content-Security-Policy", DOCUMENT_POLICY)))
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
            new org.springframework.security.web.util.matcher.AndRequestMatcher(
                new OrRequestMatcher(path("/app/**"), path("/app"), path("/error"), path("/")),
                new org.springframework.security.web.util.matcher.NegatedRequestMatcher(path("/app/reviews/*/pack"))),
            new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY)))
        .addHeaderWriter(new NoStore());
  }

  static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  static final String DOCUMENT_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  /** The guard and the audit run inside the security chains only, not again as servlet filters. */
  @Bean
  FilterRegistrationBean<EngineRequestGuard> engineGuardOnlyInChains(EngineRequestGuard guard) {
    FilterRegistrationBean<EngineRequestGuard> registration = new FilterRegistrationBean<>(guard);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineReadAudit> readAuditOnlyInChains(EngineReadAudit audit) {
    FilterRegistrationBean<EngineReadAudit> registration = new FilterRegistrationBean<>(audit);
    registration.setEnabled(false);
    return registration;
  }

  /** The engine's errors in plain Norwegian, around both REST APIs (after the security chains). */
  @Bean
  FilterRegistrationBean<EngineErrors> engineErrorsAroundRestApis(EngineErrors errors) {
    FilterRegistrationBean<EngineErrors> registration = new FilterRegistrationBean<>(errors);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  /** Camunda webapps: trust the Spring Security login (after Spring's filter chain). */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("carepathWebappAuthentication");
    registration.setInitParameters(Map.of("authentication-provider", WebappAuthenticationProvider.class.getName()));
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  /**
   * Keycloak's keys are fetched on first use, so the application can start before Keycloak answers.
   * They are then kept (fetched again only for a key id not seen before, as when Keycloak rotates its
   * keys), so tokens already issued keep working while Keycloak is down, until they expire. A fetch
   * that fails is a 503 with Retry-After ({@link no.carepath.availability.OutageFilter}).
   */
  @Bean
  JwtDecoder jwtDecoder(IdentityProperties identity, Clock clock) {
    return jwtDecoder(identity.endpoint("certs"), identity.issuer(), identity.audience(), clock);
  }

  static JwtDecoder jwtDecoder(String keySetUri, String issuer, String audience, Clock clock) {
    org.springframework.http.client.SimpleClientHttpRequestFactory timeouts =
        new org.springframework.http.client.SimpleClientHttpRequestFactory();
    timeouts.setConnectTimeout(Duration.ofSeconds(2));
    timeouts.setReadTimeout(Duration.ofSeconds(5));
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keySetUri)
        .restOperations(new org.springframework.web.client.RestTemplate(timeouts))
        .cache(new org.springframework.cache.concurrent.ConcurrentMapCache("carepath-signing-keys"))
        .build();
    decoder.setJwtValidator(tokenValidator(issuer, audience, clock));
    return new VerifiedTokens(decoder, clock);
  }

  /**
   * Issuer, audience and expiry. An expired token is refused: Keycloak and Carepath share the clock
   * of one machine or NTP, so a few seconds of skew is plenty (Spring's default accepts tokens a
   * minute past their expiry).
   */
  static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, String audience, Clock clock) {
    OAuth2TokenValidator<Jwt> meantForCarepath = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is not meant for " + audience,
            null));
    JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
    timestamps.setClock(clock);
    return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer), meantForCarepath);
  }

  /** Explicit endpoints instead of issuer discovery: no call to Keycloak while the application starts. */
  @Bean
  ClientRegistrationRepository clientRegistrations(IdentityProperties identity) {
    ClientRegistration webapp = ClientRegistration.withRegistrationId(WEBAPP_REGISTRATION)
        .clientName("Keycloak")
        .clientId(identity.webappClientId())
        .clientSecret(identity.webappClientSecret())
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope("openid", "profile", "email")
        .issuerUri(identity.issuer())
        .authorizationUri(identity.endpoint("auth"))
        .tokenUri(identity.endpoint("token"))
        .jwkSetUri(identity.endpoint("certs"))
        .userInfoUri(identity.endpoint("userinfo"))
        .userNameAttributeName(GroupClaims.USERNAME_CLAIM)
        .providerConfigurationMetadata(Map.of("end_session_endpoint", identity.endpoint("logout")))
        .build();
    ClientRegistration workers = ClientRegistration.withRegistrationId(WORKERS_REGISTRATION)
        .clientId(identity.workersClientId())
        .clientSecret(identity.workersClientSecret())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenUri(identity.endpoint("token"))
        .issuerUri(identity.issuer())
        .build();
    return new InMemoryClientRegistrationRepository(webapp, workers);
  }

  @Bean
  OAuth2AuthorizedClientService authorizedClientService(ClientRegistrationRepository registrations) {
    return new InMemoryOAuth2AuthorizedClientService(registrations);
  }

  /** Client-credentials tokens for the workers, cached and renewed before they expire. */
  @Bean
  OAuth2AuthorizedClientManager serviceAccountTokens(ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService clients) {
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    return manager;
  }

  private static GrantedAuthoritiesMapper oidcGroupAuthorities() {
    return authorities -> {
      Set<GrantedAuthority> mapped = new HashSet<>(authorities);
      for (GrantedAuthority authority : authorities) {
        if (authority instanceof OidcUserAuthority oidc) {
          mapped.addAll(groupAuthorities(GroupClaims.groups(oidc.getIdToken().getClaims())));
        }
      }
      return mapped;
    };
  }

  private static Collection<GrantedAuthority> groupAuthorities(List<String> groups) {
    return groups.stream().<GrantedAuthority>map(group -> new SimpleGrantedAuthority(authority(group))).toList();
  }
}
